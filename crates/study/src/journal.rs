//! The on-disk state of a resumable study: which runs are finished, and everything the final
//! tables need of each, so that a study killed at any moment continues where it stopped and
//! ends with the same files as an uninterrupted one.
//!
//! A study folder holds two files besides its tables:
//! - [`STATE_FILE`] (`state.json`, written once, atomically, when the folder is created): the
//!   program and version, the kind of study, a hash of the resolved scenario and its design
//!   ([`scenario_hash`]), the options that change what a run records, and the runs selected.
//!   A later invocation on the same folder compares it with its own and resumes only if they
//!   are equal.
//! - [`JOURNAL_FILE`] (`journal.bin`, append only): one frame per finished run, in the order
//!   the runs finished. A frame is the magic `ARUN`, the payload's length (u64, little endian),
//!   the payload and its 64-bit FNV-1a checksum. The payload is the run's index, seed, `[output]
//!   every`, step count, final metric values (as IEEE bits, so NaN and every digit survive),
//!   its per-step summarised values (when step summaries are asked for), its rendered
//!   `timeseries.csv` rows (when time series are) and, for a run that failed, the length and
//!   text of its error (absent for a run that finished). Each frame is written with one `write`
//!   call straight to the file (no user-space buffer), so a killed process loses at most the
//!   run it was writing; the file is synced to disk at most [`SYNC_EVERY`] apart and when the
//!   study stops. A torn or corrupt trailing frame is detected (length past the end, bad
//!   magic or checksum) and dropped: the run is simply run again.
//!
//! [`load_finished`] reads a folder's state and finished runs; it is what resuming uses, and
//! what a merge of shard folders calls.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use asocia_output::OutputError;
use serde::{Deserialize, Serialize};

use crate::steps::StepValues;
use crate::StudyError;

/// The state file of a study folder.
pub const STATE_FILE: &str = "state.json";
/// The journal of finished runs of a study folder.
pub const JOURNAL_FILE: &str = "journal.bin";
/// The longest time between two syncs of the journal to disk while runs finish.
pub const SYNC_EVERY: Duration = Duration::from_secs(1);

const MAGIC: &[u8; 4] = b"ARUN";
/// Magic, payload length, checksum.
const FRAME_OVERHEAD: u64 = 4 + 8 + 8;

/// What a study folder was made for: a later invocation resumes it only if its own state is
/// equal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudyState {
    /// `asocia`.
    pub program: String,
    /// The program version that wrote the folder.
    pub version: String,
    /// `sweep`.
    pub study: String,
    /// [`scenario_hash`] of the resolved scenario and its design (16 hex digits).
    pub scenario_hash: String,
    /// Whether each run's time series is kept.
    pub timeseries: bool,
    /// Whether per-step summaries are computed.
    pub step_summary: bool,
    /// The selected runs: first run and count.
    pub selected: [u64; 2],
    /// Runs of the whole design.
    pub runs: u64,
    /// The shard of the sweep the folder holds (index and count), `None` for a whole sweep.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shard: Option<[u64; 2]>,
}

impl StudyState {
    /// Why a folder written with `self` cannot be resumed by `other`, or `None` if it can.
    pub fn mismatch(&self, other: &StudyState) -> Option<String> {
        if self.program != other.program || self.version != other.version {
            return Some(format!(
                "it was written by {} {}, this is {} {}",
                self.program, self.version, other.program, other.version
            ));
        }
        if self.study != other.study {
            return Some(format!("it holds a {}, not a {}", self.study, other.study));
        }
        if self.scenario_hash != other.scenario_hash {
            return Some(format!(
                "it holds a study of another scenario or design (scenario hash {}, this one {})",
                self.scenario_hash, other.scenario_hash
            ));
        }
        if (self.timeseries, self.step_summary) != (other.timeseries, other.step_summary) {
            return Some(format!(
                "it was run with{} --timeseries and with{} --step-summary",
                if self.timeseries { "" } else { "out" },
                if self.step_summary { "" } else { "out" }
            ));
        }
        if self.selected != other.selected {
            return Some(format!(
                "it holds runs {}..{}, this command selects {}..{}",
                self.selected[0],
                self.selected[0] + self.selected[1],
                other.selected[0],
                other.selected[0] + other.selected[1]
            ));
        }
        if self.shard != other.shard {
            let name = |s: Option<[u64; 2]>| {
                s.map_or_else(
                    || "the whole sweep".to_string(),
                    |[i, n]| format!("shard {i}/{n}"),
                )
            };
            return Some(format!(
                "it holds {}, this command runs {}",
                name(self.shard),
                name(other.shard)
            ));
        }
        None
    }

    /// Reads `dir/state.json`; `None` if there is none.
    pub fn read(dir: &Path) -> Result<Option<StudyState>, StudyError> {
        let path = dir.join(STATE_FILE);
        match fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).map(Some).map_err(|e| {
                StudyError::Invalid(format!("{}: not a study state file: {e}", path.display()))
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_err(&path, e)),
        }
    }

    /// Writes `dir/state.json` atomically (a temporary file renamed into place).
    pub fn write(&self, dir: &Path) -> Result<(), StudyError> {
        let path = dir.join(STATE_FILE);
        let tmp = dir.join(format!(".{STATE_FILE}.tmp"));
        let text = serde_json::to_string_pretty(self).map_err(OutputError::from)?;
        let mut f = File::create(&tmp).map_err(|e| io_err(&tmp, e))?;
        f.write_all(text.as_bytes())
            .and_then(|()| f.sync_all())
            .map_err(|e| io_err(&tmp, e))?;
        fs::rename(&tmp, &path).map_err(|e| io_err(&path, e))
    }
}

/// 64-bit FNV-1a of `bytes` (not cryptographic: it detects a changed scenario or a torn frame).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The hash of a study's resolved scenario and design (any JSON describing them fully), as 16
/// hex digits.
pub fn scenario_hash(resolved: &serde_json::Value) -> String {
    format!("{:016x}", fnv1a(resolved.to_string().as_bytes()))
}

/// One finished run as the journal keeps it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RunRecord {
    /// The run's index in the design.
    pub run: u64,
    /// Its run seed.
    pub seed: u64,
    /// Its scenario's `[output] every`.
    pub every: u64,
    /// Its scenario's step count.
    pub last: u64,
    /// Final metric values, in the sweep's metric order.
    pub values: Vec<f64>,
    /// Summarised per-step values (empty unless step summaries are computed).
    pub steps: Vec<StepValues>,
    /// Rows of `timeseries.csv` in `timeseries` (0 unless time series are kept).
    pub timeseries_rows: u64,
    /// The run's rendered `timeseries.csv` rows.
    pub timeseries: Vec<u8>,
    /// Why the run failed (a panic caught at the run boundary, a run error, a non-finite final
    /// metric), or `None` for a run that finished; a failed run is done (a resume does not run
    /// it again) but has no row in `runs.csv`, only one in `failures.csv`.
    pub failure: Option<String>,
}

impl RunRecord {
    /// The payload bytes of the record's frame.
    fn encode(&self, out: &mut Vec<u8>) {
        let u = |out: &mut Vec<u8>, x: u64| out.extend_from_slice(&x.to_le_bytes());
        let fs = |out: &mut Vec<u8>, xs: &[f64]| {
            u(out, xs.len() as u64);
            for x in xs {
                u(out, x.to_bits());
            }
        };
        for x in [self.run, self.seed, self.every, self.last] {
            u(out, x);
        }
        fs(out, &self.values);
        u(out, self.steps.len() as u64);
        for (step, groups) in &self.steps {
            u(out, *step);
            u(out, groups.len() as u64);
            for (group, values) in groups {
                u(out, group.map_or(u64::MAX, u64::from));
                fs(out, values);
            }
        }
        u(out, self.timeseries_rows);
        u(out, self.timeseries.len() as u64);
        out.extend_from_slice(&self.timeseries);
        // A failure is an optional tail, so the frames of finished runs are the bytes they
        // always were.
        if let Some(why) = &self.failure {
            u(out, why.len() as u64);
            out.extend_from_slice(why.as_bytes());
        }
    }

    /// Decodes a payload; `None` if it is malformed.
    fn decode(bytes: &[u8]) -> Option<RunRecord> {
        let mut r = Cursor { bytes, at: 0 };
        let mut record = RunRecord {
            run: r.u()?,
            seed: r.u()?,
            every: r.u()?,
            last: r.u()?,
            values: r.floats()?,
            ..RunRecord::default()
        };
        for _ in 0..r.len(16)? {
            let step = r.u()?;
            let mut groups = Vec::new();
            for _ in 0..r.len(16)? {
                let group = match r.u()? {
                    u64::MAX => None,
                    g => Some(u32::try_from(g).ok()?),
                };
                groups.push((group, r.floats()?));
            }
            record.steps.push((step, groups));
        }
        record.timeseries_rows = r.u()?;
        let n = r.len(1)?;
        record.timeseries = r.take(n)?.to_vec();
        if r.at < bytes.len() {
            let n = r.len(1)?;
            record.failure = Some(String::from_utf8(r.take(n)?.to_vec()).ok()?);
        }
        (r.at == bytes.len()).then_some(record)
    }
}

/// Reads little-endian fields of a payload.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let end = self.at.checked_add(n)?;
        let s = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(s)
    }

    fn u(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    /// A count of items of at least `size` bytes each, checked against the bytes left.
    fn len(&mut self, size: usize) -> Option<usize> {
        let n = usize::try_from(self.u()?).ok()?;
        (n.checked_mul(size)? <= self.bytes.len() - self.at).then_some(n)
    }

    fn floats(&mut self) -> Option<Vec<f64>> {
        (0..self.len(8)?)
            .map(|_| self.u().map(f64::from_bits))
            .collect()
    }
}

/// A study folder's state and finished runs, read from its journal (read only: the journal is
/// not changed). Records are read on demand ([`read`](Self::read)), so memory is 16 bytes per
/// finished run.
#[derive(Debug)]
pub struct Finished {
    /// The folder.
    pub dir: PathBuf,
    /// Its state file.
    pub state: StudyState,
    /// (run, frame offset) of every finished run, sorted by run, each run once.
    index: Vec<(u64, u64)>,
    /// Bytes at the end of the journal that are not a whole valid frame (a torn last write).
    pub torn_bytes: u64,
    /// Length of the journal up to the end of its last valid frame.
    pub valid_len: u64,
    /// Runs found more than once (the later frames are ignored).
    pub duplicates: u64,
    file: Option<File>,
}

/// Reads the state and the finished runs of the study folder `dir` (a sweep's `--out`, or one
/// shard's): the runs are those of [`Finished::runs`], each read with [`Finished::read`].
/// A torn trailing frame is left out and counted in [`Finished::torn_bytes`].
///
/// Fails if `dir` has no [`STATE_FILE`] (it is not a study folder) or a journal cannot be read.
pub fn load_finished(dir: &Path) -> Result<Finished, StudyError> {
    let state = StudyState::read(dir)?.ok_or_else(|| {
        StudyError::Invalid(format!(
            "{}: not a study folder (no {STATE_FILE})",
            dir.display()
        ))
    })?;
    let path = dir.join(JOURNAL_FILE);
    let mut finished = Finished {
        dir: dir.to_path_buf(),
        state,
        index: Vec::new(),
        torn_bytes: 0,
        valid_len: 0,
        duplicates: 0,
        file: None,
    };
    let mut file = match File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(finished),
        Err(e) => return Err(io_err(&path, e)),
    };
    let len = file.metadata().map_err(|e| io_err(&path, e))?.len();
    let mut reader = io::BufReader::with_capacity(1 << 16, &mut file);
    let mut at = 0_u64;
    let mut payload = Vec::new();
    while let Some(run) =
        frame(&mut reader, len - at, &mut payload).map_err(|e| io_err(&path, e))?
    {
        finished.index.push((run, at));
        at += FRAME_OVERHEAD + payload.len() as u64;
    }
    finished.valid_len = at;
    finished.torn_bytes = len - at;
    finished.index.sort_by_key(|&(run, at)| (run, at));
    let before = finished.index.len();
    finished.index.dedup_by_key(|&mut (run, _)| run);
    finished.duplicates = (before - finished.index.len()) as u64;
    finished.file = Some(file);
    Ok(finished)
}

/// Reads the next frame (of at most `left` bytes) into `payload`; returns its run, or `None`
/// at the end or at a torn or corrupt frame.
fn frame(r: &mut impl Read, left: u64, payload: &mut Vec<u8>) -> io::Result<Option<u64>> {
    if left < FRAME_OVERHEAD {
        return Ok(None);
    }
    let mut head = [0_u8; 12];
    r.read_exact(&mut head)?;
    let n = u64::from_le_bytes(head[4..12].try_into().expect("8 bytes"));
    if &head[..4] != MAGIC || n > left - FRAME_OVERHEAD || n < 8 {
        return Ok(None);
    }
    payload.resize(n as usize, 0);
    r.read_exact(payload)?;
    let mut sum = [0_u8; 8];
    r.read_exact(&mut sum)?;
    if u64::from_le_bytes(sum) != fnv1a(payload) {
        return Ok(None);
    }
    Ok(Some(u64::from_le_bytes(
        payload[..8].try_into().expect("8 bytes"),
    )))
}

impl Finished {
    /// The finished runs, in run order.
    pub fn runs(&self) -> impl Iterator<Item = u64> + '_ {
        self.index.iter().map(|&(run, _)| run)
    }

    /// How many runs are finished.
    pub fn len(&self) -> u64 {
        self.index.len() as u64
    }

    /// Whether no run is finished.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Whether `run` is finished.
    pub fn contains(&self, run: u64) -> bool {
        self.index.binary_search_by_key(&run, |&(r, _)| r).is_ok()
    }

    /// The record of the `k`-th finished run in run order (`k < len()`).
    pub fn read(&mut self, k: usize) -> Result<RunRecord, StudyError> {
        let path = self.dir.join(JOURNAL_FILE);
        let (run, at) = self.index[k];
        let file = self.file.as_mut().expect("a journal with runs is open");
        file.seek(SeekFrom::Start(at))
            .map_err(|e| io_err(&path, e))?;
        let mut payload = Vec::new();
        let got = frame(file, u64::MAX, &mut payload).map_err(|e| io_err(&path, e))?;
        let record = (got == Some(run))
            .then(|| RunRecord::decode(&payload))
            .flatten()
            .ok_or_else(|| {
                StudyError::Invalid(format!(
                    "{}: the record of run {run} at byte {at} is corrupt",
                    path.display()
                ))
            })?;
        Ok(record)
    }
}

/// Appends finished runs to a journal.
#[derive(Debug)]
pub struct JournalWriter {
    path: PathBuf,
    file: File,
    buf: Vec<u8>,
    last_sync: Instant,
}

impl JournalWriter {
    /// Opens `dir`'s journal for appending, first cutting it to `valid_len` bytes (dropping a
    /// torn last frame found by [`load_finished`]; 0 for a new journal).
    pub fn open(dir: &Path, valid_len: u64) -> Result<JournalWriter, StudyError> {
        let path = dir.join(JOURNAL_FILE);
        let mut file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| io_err(&path, e))?;
        file.set_len(valid_len)
            .and_then(|()| file.seek(SeekFrom::End(0)).map(drop))
            .and_then(|()| file.sync_data())
            .map_err(|e| io_err(&path, e))?;
        Ok(JournalWriter {
            path,
            file,
            buf: Vec::new(),
            last_sync: Instant::now(),
        })
    }

    /// Appends one finished run (one `write` to the file), syncing if the last sync is older
    /// than [`SYNC_EVERY`].
    pub fn append(&mut self, record: &RunRecord) -> Result<(), StudyError> {
        self.buf.clear();
        self.buf.extend_from_slice(MAGIC);
        self.buf.extend_from_slice(&[0; 8]);
        record.encode(&mut self.buf);
        let payload = &self.buf[12..];
        let (n, sum) = (payload.len() as u64, fnv1a(payload));
        self.buf[4..12].copy_from_slice(&n.to_le_bytes());
        self.buf.extend_from_slice(&sum.to_le_bytes());
        self.file
            .write_all(&self.buf)
            .map_err(|e| io_err(&self.path, e))?;
        if self.last_sync.elapsed() >= SYNC_EVERY {
            self.sync()?;
        }
        Ok(())
    }

    /// Syncs the journal to disk.
    pub fn sync(&mut self) -> Result<(), StudyError> {
        self.last_sync = Instant::now();
        self.file.sync_data().map_err(|e| io_err(&self.path, e))
    }
}

fn io_err(path: &Path, e: io::Error) -> StudyError {
    StudyError::Output(OutputError::Io {
        path: path.to_path_buf(),
        source: e,
    })
}

#[cfg(test)]
mod tests;
