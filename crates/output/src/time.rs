//! Wall-clock timestamps for manifests, formatted as RFC 3339 in UTC without a date crate.

use std::time::{SystemTime, UNIX_EPOCH};

/// A point in wall-clock time, kept as seconds and nanoseconds since the Unix epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp {
    /// Whole seconds since 1970-01-01T00:00:00Z.
    pub secs: u64,
    /// Nanoseconds past `secs`.
    pub nanos: u32,
}

impl Timestamp {
    /// The current wall-clock time.
    pub fn now() -> Timestamp {
        let d = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        Timestamp {
            secs: d.as_secs(),
            nanos: d.subsec_nanos(),
        }
    }
}

/// `2026-11-25T09:12:31.250Z` for a timestamp (millisecond precision).
pub fn rfc3339_utc(t: Timestamp) -> String {
    let days = (t.secs / 86_400) as i64;
    let rem = t.secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        (rem / 60) % 60,
        rem % 60,
        t.nanos / 1_000_000
    )
}

/// Proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_dates() {
        assert_eq!(
            rfc3339_utc(Timestamp { secs: 0, nanos: 0 }),
            "1970-01-01T00:00:00.000Z"
        );
        // 2000-02-29 12:34:56.789 UTC
        assert_eq!(
            rfc3339_utc(Timestamp {
                secs: 951_827_696,
                nanos: 789_000_000
            }),
            "2000-02-29T12:34:56.789Z"
        );
        // 2026-11-25 00:00:00 UTC
        assert_eq!(
            rfc3339_utc(Timestamp {
                secs: 1_795_564_800,
                nanos: 0
            }),
            "2026-11-25T00:00:00.000Z"
        );
    }
}
