//! Parquet copies of the tidy CSV tables (`--format parquet`): a CSV file written by the
//! writers of this crate is read back row by row and written as a typed Parquet file, one row
//! group per bounded batch of rows, so memory stays flat whatever the file's length.
//!
//! The CSV text is the one rendering of every value (reals in shortest round-trip form, counts
//! as decimal digits, undefined values as empty fields), so the Parquet file holds exactly the
//! CSV's values: an integer column's cell is parsed as an `i64`, a real's as the `f64` it was
//! printed from, an empty field is a null. Each column's type comes from the caller
//! ([`ColumnType`]); key columns have theirs in [`key_type`].

use std::fs::{self, File};
use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical};
use parquet::column::writer::ColumnWriter;
use parquet::data_type::ByteArray;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;

use crate::{OutputDir, OutputError};

/// Cells per row group: a batch holds at most this many values (at least
/// [`MIN_GROUP_ROWS`] rows), which bounds the memory a conversion takes.
pub const ROW_GROUP_CELLS: usize = 1 << 18;

/// The fewest rows of a row group (but the last), however wide the table.
pub const MIN_GROUP_ROWS: usize = 1024;

/// The type of a Parquet column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnType {
    /// `INT64`: run numbers, seeds, steps, points, replications, integer parameters.
    Int64,
    /// `DOUBLE`: metrics and real parameters.
    Double,
    /// `BOOLEAN`: switch parameters (`true` / `false`).
    Bool,
    /// `BYTE_ARRAY` annotated `STRING` (UTF-8): names, groups, arms.
    Utf8,
}

impl ColumnType {
    /// The name of the type as `docs/outputs.md` gives it.
    pub fn name(self) -> &'static str {
        match self {
            ColumnType::Int64 => "int64",
            ColumnType::Double => "double",
            ColumnType::Bool => "boolean",
            ColumnType::Utf8 => "string (UTF-8)",
        }
    }
}

/// The type of a key column of the runs tables and time series by its CSV name (`run`, `seed`,
/// `step`, `point`, `replication`: int64; `group` — `all` or a group id — and `arm`: UTF-8);
/// `None` for any other column (a metric, a parameter).
pub fn key_type(name: &str) -> Option<ColumnType> {
    match name {
        "run" | "seed" | "step" | "point" | "replication" => Some(ColumnType::Int64),
        "group" | "arm" => Some(ColumnType::Utf8),
        _ => None,
    }
}

/// The Parquet name of the CSV file `name` (`runs.csv` → `runs.parquet`).
pub fn parquet_name(csv_name: &str) -> String {
    let stem = csv_name.strip_suffix(".csv").unwrap_or(csv_name);
    format!("{stem}.parquet")
}

/// One column's values of the batch being gathered, with its definition levels (1: a value,
/// 0: null).
enum Buffer {
    Int64(Vec<i64>),
    Double(Vec<f64>),
    Bool(Vec<bool>),
    Utf8(Vec<ByteArray>),
}

impl Buffer {
    fn new(ty: ColumnType) -> Buffer {
        match ty {
            ColumnType::Int64 => Buffer::Int64(Vec::new()),
            ColumnType::Double => Buffer::Double(Vec::new()),
            ColumnType::Bool => Buffer::Bool(Vec::new()),
            ColumnType::Utf8 => Buffer::Utf8(Vec::new()),
        }
    }

    /// Adds the non-empty cell `text`; `Err` with what was expected when it does not parse.
    fn push(&mut self, text: &str) -> Result<(), &'static str> {
        match self {
            Buffer::Int64(v) => v.push(text.parse().map_err(|_| "an integer")?),
            Buffer::Double(v) => v.push(text.parse().map_err(|_| "a number")?),
            Buffer::Bool(v) => v.push(text.parse().map_err(|_| "`true` or `false`")?),
            Buffer::Utf8(v) => v.push(ByteArray::from(text.as_bytes().to_vec())),
        }
        Ok(())
    }

    fn clear(&mut self) {
        match self {
            Buffer::Int64(v) => v.clear(),
            Buffer::Double(v) => v.clear(),
            Buffer::Bool(v) => v.clear(),
            Buffer::Utf8(v) => v.clear(),
        }
    }
}

fn pq_err(path: &Path, e: parquet::errors::ParquetError) -> OutputError {
    OutputError::Parquet {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// The Parquet schema of columns `names` of types `types` (every column optional: an empty
/// CSV field is a null).
fn schema(names: &[String], types: &[ColumnType], path: &Path) -> Result<Arc<Type>, OutputError> {
    let mut fields = Vec::with_capacity(names.len());
    for (name, ty) in names.iter().zip(types) {
        let (physical, logical) = match ty {
            ColumnType::Int64 => (Physical::INT64, None),
            ColumnType::Double => (Physical::DOUBLE, None),
            ColumnType::Bool => (Physical::BOOLEAN, None),
            ColumnType::Utf8 => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
        };
        let field = Type::primitive_type_builder(name, physical)
            .with_repetition(Repetition::OPTIONAL)
            .with_logical_type(logical)
            .build()
            .map_err(|e| pq_err(path, e))?;
        fields.push(Arc::new(field));
    }
    let root = Type::group_type_builder("schema")
        .with_fields(fields)
        .build()
        .map_err(|e| pq_err(path, e))?;
    Ok(Arc::new(root))
}

/// Writes the CSV file `csv` as the Parquet file `parquet` (first as `parquet` with a
/// `.partial` suffix, renamed when complete), the type of each column given by `type_of` from
/// its CSV name; returns the number of data rows. The CSV file is left in place.
///
/// Rows are gathered in batches of at most [`ROW_GROUP_CELLS`] cells (at least
/// [`MIN_GROUP_ROWS`] rows), each written as one row group, compressed with Snappy.
pub fn csv_to_parquet(
    csv: &Path,
    parquet: &Path,
    type_of: impl Fn(&str) -> ColumnType,
) -> Result<u64, OutputError> {
    let partial = PathBuf::from(format!("{}.partial", parquet.display()));
    let written = write_parquet(csv, parquet, &partial, type_of);
    if written.is_err() {
        let _ = fs::remove_file(&partial);
    }
    written
}

/// Replaces the CSV file `csv_name` of the staging folder of `out` by its Parquet copy
/// ([`csv_to_parquet`], named by [`parquet_name`]); returns the Parquet file's name and its
/// number of data rows.
pub fn replace_with_parquet(
    out: &OutputDir,
    csv_name: &str,
    type_of: impl Fn(&str) -> ColumnType,
) -> Result<(String, u64), OutputError> {
    let name = parquet_name(csv_name);
    let csv = out.file(csv_name);
    let rows = csv_to_parquet(&csv, &out.file(&name), type_of)?;
    fs::remove_file(&csv).map_err(|e| OutputError::io(&csv, e))?;
    Ok((name, rows))
}

fn write_parquet(
    csv: &Path,
    parquet: &Path,
    partial: &Path,
    type_of: impl Fn(&str) -> ColumnType,
) -> Result<u64, OutputError> {
    let file = File::open(csv).map_err(|e| OutputError::io(csv, e))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(BufReader::with_capacity(1 << 16, file));
    let names: Vec<String> = reader
        .headers()
        .map_err(|e| crate::tables::csv_err(csv, e))?
        .iter()
        .map(str::to_string)
        .collect();
    let types: Vec<ColumnType> = names.iter().map(|n| type_of(n)).collect();
    let schema = schema(&names, &types, parquet)?;
    let out = File::create(partial).map_err(|e| OutputError::io(partial, e))?;
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_created_by(format!("asocia {}", env!("CARGO_PKG_VERSION")))
            .build(),
    );
    let mut writer =
        SerializedFileWriter::new(BufWriter::with_capacity(1 << 16, out), schema, props)
            .map_err(|e| pq_err(parquet, e))?;
    let batch_rows = (ROW_GROUP_CELLS / names.len().max(1)).max(MIN_GROUP_ROWS);
    let mut buffers: Vec<Buffer> = types.iter().map(|&t| Buffer::new(t)).collect();
    let mut defs: Vec<Vec<i16>> = vec![Vec::with_capacity(batch_rows); names.len()];
    let mut record = csv::StringRecord::new();
    let (mut rows, mut in_batch) = (0u64, 0usize);
    loop {
        let more = reader
            .read_record(&mut record)
            .map_err(|e| crate::tables::csv_err(csv, e))?;
        if more {
            let line = rows + 2;
            if record.len() != names.len() {
                return Err(OutputError::Parquet {
                    path: csv.to_path_buf(),
                    message: format!(
                        "line {line}: {} fields, the header has {}",
                        record.len(),
                        names.len()
                    ),
                });
            }
            for (k, cell) in record.iter().enumerate() {
                if cell.is_empty() {
                    defs[k].push(0);
                } else {
                    buffers[k]
                        .push(cell)
                        .map_err(|expected| OutputError::Parquet {
                            path: csv.to_path_buf(),
                            message: format!(
                                "line {line}, column `{}`: expected {expected}, found `{cell}`",
                                names[k]
                            ),
                        })?;
                    defs[k].push(1);
                }
            }
            rows += 1;
            in_batch += 1;
        }
        if in_batch > 0 && (in_batch == batch_rows || !more) {
            write_group(&mut writer, &mut buffers, &mut defs, parquet)?;
            in_batch = 0;
        }
        if !more {
            break;
        }
    }
    let buffered = writer.into_inner().map_err(|e| pq_err(parquet, e))?;
    let file = buffered
        .into_inner()
        .map_err(|e| OutputError::io(partial, e.into_error()))?;
    file.sync_all().map_err(|e| OutputError::io(partial, e))?;
    drop(file);
    fs::rename(partial, parquet).map_err(|e| OutputError::io(parquet, e))?;
    Ok(rows)
}

/// Writes the gathered batch as one row group and empties the buffers.
fn write_group<W: std::io::Write + Send>(
    writer: &mut SerializedFileWriter<W>,
    buffers: &mut [Buffer],
    defs: &mut [Vec<i16>],
    path: &Path,
) -> Result<(), OutputError> {
    let err = |e| pq_err(path, e);
    let mut group = writer.next_row_group().map_err(err)?;
    let mut k = 0;
    while let Some(mut column) = group.next_column().map_err(err)? {
        let d = Some(defs[k].as_slice());
        match (column.untyped(), &buffers[k]) {
            (ColumnWriter::Int64ColumnWriter(w), Buffer::Int64(v)) => w.write_batch(v, d, None),
            (ColumnWriter::DoubleColumnWriter(w), Buffer::Double(v)) => w.write_batch(v, d, None),
            (ColumnWriter::BoolColumnWriter(w), Buffer::Bool(v)) => w.write_batch(v, d, None),
            (ColumnWriter::ByteArrayColumnWriter(w), Buffer::Utf8(v)) => w.write_batch(v, d, None),
            _ => unreachable!("the schema is built from the buffers' types"),
        }
        .map_err(err)?;
        column.close().map_err(err)?;
        buffers[k].clear();
        defs[k].clear();
        k += 1;
    }
    group.close().map_err(err)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::Field;

    fn cells(path: &Path) -> (Vec<String>, Vec<Vec<Field>>, usize) {
        let reader = SerializedFileReader::new(File::open(path).unwrap()).unwrap();
        let groups = reader.metadata().num_row_groups();
        let names = reader
            .metadata()
            .file_metadata()
            .schema_descr()
            .columns()
            .iter()
            .map(|c| c.name().to_string())
            .collect();
        let rows = reader
            .get_row_iter(None)
            .unwrap()
            .map(|r| {
                r.unwrap()
                    .get_column_iter()
                    .map(|(_, f)| f.clone())
                    .collect()
            })
            .collect();
        (names, rows, groups)
    }

    #[test]
    fn typed_columns_nulls_and_exact_reals() {
        let tmp = tempfile::tempdir().unwrap();
        let csv = tmp.path().join("t.csv");
        fs::write(
            &csv,
            "run,seed,group,a.b,x\n0,9007199254740991,all,true,0.1\n1,7,2,false,\n",
        )
        .unwrap();
        let pq = tmp.path().join("t.parquet");
        let ty = |n: &str| match n {
            "a.b" => ColumnType::Bool,
            n => key_type(n).unwrap_or(ColumnType::Double),
        };
        assert_eq!(csv_to_parquet(&csv, &pq, ty).unwrap(), 2);
        assert!(!tmp.path().join("t.parquet.partial").exists());
        let (names, rows, groups) = cells(&pq);
        assert_eq!(names, ["run", "seed", "group", "a.b", "x"]);
        assert_eq!(groups, 1);
        assert_eq!(
            rows[0],
            [
                Field::Long(0),
                Field::Long(9_007_199_254_740_991),
                Field::Str("all".into()),
                Field::Bool(true),
                Field::Double(0.1),
            ]
        );
        assert_eq!(
            rows[1],
            [
                Field::Long(1),
                Field::Long(7),
                Field::Str("2".into()),
                Field::Bool(false),
                Field::Null,
            ]
        );
    }

    #[test]
    fn row_groups_are_bounded_batches() {
        let tmp = tempfile::tempdir().unwrap();
        let csv = tmp.path().join("t.csv");
        // 64 columns: a batch of ROW_GROUP_CELLS cells is 4096 rows; 10000 rows are 3 groups.
        assert_eq!(ROW_GROUP_CELLS / 64, 4096);
        let header: Vec<String> = (0..64).map(|k| format!("c{k}")).collect();
        let mut text = header.join(",") + "\n";
        for r in 0..10_000 {
            let row: Vec<String> = (0..64).map(|k| (r * 64 + k).to_string()).collect();
            text.push_str(&row.join(","));
            text.push('\n');
        }
        fs::write(&csv, text).unwrap();
        let pq = tmp.path().join("t.parquet");
        assert_eq!(
            csv_to_parquet(&csv, &pq, |_| ColumnType::Int64).unwrap(),
            10_000
        );
        let (_, rows, groups) = cells(&pq);
        assert_eq!(groups, 3);
        assert_eq!(rows.len(), 10_000);
        assert_eq!(rows[9999][63], Field::Long(10_000 * 64 - 1));
    }

    #[test]
    fn a_cell_of_the_wrong_type_is_a_located_error() {
        let tmp = tempfile::tempdir().unwrap();
        let csv = tmp.path().join("t.csv");
        fs::write(&csv, "run,x\n0,1\nx,2\n").unwrap();
        let pq = tmp.path().join("t.parquet");
        let e = csv_to_parquet(&csv, &pq, |_| ColumnType::Int64)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("line 3, column `run`: expected an integer, found `x`"),
            "{e}"
        );
        assert!(!pq.exists());
    }

    #[test]
    fn a_table_without_rows_is_a_valid_empty_file() {
        // An interrupted sweep before its first run: the header only.
        let tmp = tempfile::tempdir().unwrap();
        let csv = tmp.path().join("t.csv");
        fs::write(&csv, "run,seed,x\n").unwrap();
        let pq = tmp.path().join("t.parquet");
        assert_eq!(
            csv_to_parquet(&csv, &pq, |n| key_type(n).unwrap_or(ColumnType::Double)).unwrap(),
            0
        );
        let (names, rows, groups) = cells(&pq);
        assert_eq!(names, ["run", "seed", "x"]);
        assert_eq!((rows.len(), groups), (0, 0));
    }

    #[test]
    fn names() {
        assert_eq!(parquet_name("runs.csv"), "runs.parquet");
        assert_eq!(key_type("seed"), Some(ColumnType::Int64));
        assert_eq!(key_type("group"), Some(ColumnType::Utf8));
        assert_eq!(key_type("cooperation"), None);
    }
}
