//! The journal's frames: round trip, a torn or corrupt last frame dropped, duplicates.

use super::*;

fn record(run: u64) -> RunRecord {
    RunRecord {
        run,
        seed: 1000 + run,
        every: 2,
        last: 10,
        values: vec![0.5, f64::NAN, -0.0, 1e-300],
        steps: vec![(
            0,
            vec![(None, vec![1.0, 2.0]), (Some(7), vec![f64::NAN, 3.0])],
        )],
        timeseries_rows: 2,
        timeseries: b"a,b\nc,d\n".to_vec(),
        failure: None,
    }
}

fn state() -> StudyState {
    StudyState {
        program: "asocia".into(),
        version: "9.9.9".into(),
        study: "sweep".into(),
        scenario_hash: "0123456789abcdef".into(),
        timeseries: true,
        step_summary: true,
        selected: [0, 10],
        runs: 10,
        shard: None,
    }
}

fn same(a: &RunRecord, b: &RunRecord) -> bool {
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    a.run == b.run
        && a.seed == b.seed
        && bits(&a.values) == bits(&b.values)
        && a.steps.len() == b.steps.len()
        && a.timeseries == b.timeseries
        && a.timeseries_rows == b.timeseries_rows
        && a.failure == b.failure
}

#[test]
fn records_round_trip_bit_for_bit_in_run_order() {
    let tmp = tempfile::tempdir().unwrap();
    state().write(tmp.path()).unwrap();
    let mut w = JournalWriter::open(tmp.path(), 0).unwrap();
    for run in [3, 1, 2] {
        w.append(&record(run)).unwrap();
    }
    w.sync().unwrap();
    let mut f = load_finished(tmp.path()).unwrap();
    assert_eq!(f.state, state());
    assert_eq!(f.runs().collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!((f.torn_bytes, f.duplicates), (0, 0));
    for k in 0..3 {
        let r = f.read(k).unwrap();
        assert!(same(&r, &record(k as u64 + 1)), "{r:?}");
        assert_eq!(r.steps[0].1[1].0, Some(7));
    }
}

#[test]
fn a_torn_or_corrupt_last_frame_is_dropped_and_cut_on_reopening() {
    let tmp = tempfile::tempdir().unwrap();
    state().write(tmp.path()).unwrap();
    let mut w = JournalWriter::open(tmp.path(), 0).unwrap();
    w.append(&record(0)).unwrap();
    w.append(&record(1)).unwrap();
    drop(w);
    let path = tmp.path().join(JOURNAL_FILE);
    let whole = fs::read(&path).unwrap();
    let one = whole.len() / 2;
    // Every cut inside the second frame leaves run 0 alone; a flipped byte of the second
    // frame's payload fails its checksum.
    for cut in (one + 1..whole.len()).step_by(7) {
        fs::write(&path, &whole[..cut]).unwrap();
        let f = load_finished(tmp.path()).unwrap();
        assert_eq!(f.runs().collect::<Vec<_>>(), [0], "cut at {cut}");
        assert_eq!(
            (f.valid_len, f.torn_bytes),
            (one as u64, (cut - one) as u64)
        );
    }
    let mut flipped = whole.clone();
    flipped[one + 30] ^= 1;
    fs::write(&path, &flipped).unwrap();
    let f = load_finished(tmp.path()).unwrap();
    assert_eq!(f.runs().collect::<Vec<_>>(), [0]);
    // Reopening cuts the torn bytes; the next frame follows run 0's.
    let mut w = JournalWriter::open(tmp.path(), f.valid_len).unwrap();
    w.append(&record(5)).unwrap();
    drop(w);
    let f = load_finished(tmp.path()).unwrap();
    assert_eq!(f.runs().collect::<Vec<_>>(), [0, 5]);
    assert_eq!(f.torn_bytes, 0);
}

#[test]
fn a_run_journaled_twice_is_read_once() {
    let tmp = tempfile::tempdir().unwrap();
    state().write(tmp.path()).unwrap();
    let mut w = JournalWriter::open(tmp.path(), 0).unwrap();
    for run in [4, 4, 2] {
        w.append(&record(run)).unwrap();
    }
    drop(w);
    let f = load_finished(tmp.path()).unwrap();
    assert_eq!(f.runs().collect::<Vec<_>>(), [2, 4]);
    assert_eq!(f.duplicates, 1);
}

#[test]
fn fnv1a_matches_the_published_test_vectors() {
    // FNV-1a 64 of "" is the offset basis; of "a" is 0xaf63dc4c8601ec8c (the reference
    // implementation's test suite).
    assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
}

#[test]
fn a_changed_state_says_what_changed() {
    let a = state();
    assert_eq!(a.mismatch(&a), None);
    let b = StudyState {
        scenario_hash: "ffffffffffffffff".into(),
        ..state()
    };
    assert!(a.mismatch(&b).unwrap().contains("scenario hash"));
    let c = StudyState {
        version: "1.0.0".into(),
        ..state()
    };
    assert!(a.mismatch(&c).unwrap().contains("9.9.9"));
    // A folder of shard 0/3 is not resumed by shard 1/3, nor by the whole sweep.
    let d = StudyState {
        shard: Some([0, 3]),
        ..state()
    };
    let e = StudyState {
        shard: Some([1, 3]),
        ..state()
    };
    assert!(
        d.mismatch(&e).unwrap().contains("shard 0/3"),
        "{:?}",
        d.mismatch(&e)
    );
    assert!(d.mismatch(&a).unwrap().contains("the whole sweep"));
    assert_eq!(d.mismatch(&d.clone()), None);
}

#[test]
fn a_failed_run_round_trips_and_a_finished_one_keeps_its_old_bytes() {
    // A finished run's payload has no failure tail: the bytes 0.5.0 wrote.
    let mut ok = Vec::new();
    record(1).encode(&mut ok);
    let failed = RunRecord {
        failure: Some("metric `payoff_mean_final` is not finite (inf)".into()),
        ..record(1)
    };
    let mut bad = Vec::new();
    failed.encode(&mut bad);
    // The tail is the error's length (8 bytes) and its 46 bytes of text.
    assert_eq!(bad.len(), ok.len() + 8 + 46);
    assert_eq!(&bad[..ok.len()], &ok[..]);
    assert!(same(&RunRecord::decode(&bad).unwrap(), &failed));
    assert!(same(&RunRecord::decode(&ok).unwrap(), &record(1)));
    // A tail that is cut or too long is malformed.
    assert!(RunRecord::decode(&bad[..bad.len() - 1]).is_none());
    let mut long = bad.clone();
    long.push(b'x');
    assert!(RunRecord::decode(&long).is_none());

    let tmp = tempfile::tempdir().unwrap();
    state().write(tmp.path()).unwrap();
    let mut w = JournalWriter::open(tmp.path(), 0).unwrap();
    w.append(&record(0)).unwrap();
    w.append(&RunRecord {
        run: 2,
        ..failed.clone()
    })
    .unwrap();
    w.sync().unwrap();
    let mut f = load_finished(tmp.path()).unwrap();
    assert_eq!(f.runs().collect::<Vec<_>>(), [0, 2]);
    assert!(
        f.contains(2),
        "a failed run is done: a resume does not rerun it"
    );
    assert_eq!(f.read(1).unwrap().failure, failed.failure);
    assert_eq!(f.read(0).unwrap().failure, None);
}
