//! Human-readable durations, as printed in AGE columns and `describe` output.
//!
//! Port of apimachinery `pkg/util/duration/duration.go`.
//!
//! Where kubectl uses which (v1.28–v1.31):
//!
//! * [`human_duration`] (`duration.HumanDuration`) is what kubectl shows to users: every AGE
//!   column of the server-side table printers (`translateTimestampSince`), the `(28s ago)` part
//!   of a pod's RESTARTS cell, the LAST SEEN / FIRST SEEN columns of `get events`, the Age
//!   column of the describe events table including `89s (x4 over 3m2s)`, and the durations
//!   in `describe`.
//! * [`short_human_duration`] (`duration.ShortHumanDuration`) is the older, coarser form. No
//!   kubectl output in these releases is known to use it. It is here for completeness.
//!
//! Both take a duration in **milliseconds**, usually `now - timestamp`. A negative value is a
//! timestamp in the future. Less than 2 s ahead prints `0s`, to allow for clock skew; further
//! ahead prints `<invalid>`. A missing timestamp (`<unknown>`) is for the caller to handle.

const MS_PER_SECOND: i64 = 1_000;
const MS_PER_MINUTE: i64 = 60 * MS_PER_SECOND;
const MS_PER_HOUR: i64 = 60 * MS_PER_MINUTE;

/// `int(d.Seconds())`: whole seconds, truncated toward zero as Go does.
fn whole_seconds(ms: i64) -> i64 {
    ms / MS_PER_SECOND
}

/// Go's `d.Hours()` as a float: `float64(hour) + float64(nsec)/(60*60*1e9)`.
fn go_hours(ms: i64) -> f64 {
    let hour = ms / MS_PER_HOUR;
    let rest_ns = (ms % MS_PER_HOUR) as f64 * 1e6;
    hour as f64 + rest_ns / 3.6e12
}

/// Go's `d.Minutes()` as a float.
fn go_minutes(ms: i64) -> f64 {
    let min = ms / MS_PER_MINUTE;
    let rest_ns = (ms % MS_PER_MINUTE) as f64 * 1e6;
    min as f64 + rest_ns / 6e10
}

/// apimachinery `duration.HumanDuration`: about 2–3 significant figures.
///
/// | elapsed | printed |
/// |---|---|
/// | < -1 s (future) | `<invalid>` |
/// | -1 s to < 2 min | whole seconds (`0s`, `45s`, `119s`) |
/// | 2 min to < 10 min | `XmYs`, or `Xm` when the seconds are 0 |
/// | 10 min to < 3 h | minutes (`85m`) |
/// | 3 h to < 8 h | `XhYm`, or `Xh` |
/// | 8 h to < 48 h | hours |
/// | 2 d to < 8 d | `XdYh`, or `Xd` |
/// | 8 d to < 2 y (730 d) | days |
/// | 2 y to < 8 y | `XyYd`, or `Xy` (a year is 365 days) |
/// | ≥ 8 y | years |
pub fn human_duration(ms: i64) -> String {
    let seconds = whole_seconds(ms);
    if seconds < -1 {
        return "<invalid>".to_string();
    } else if seconds < 0 {
        return "0s".to_string();
    } else if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = ms / MS_PER_MINUTE;
    if minutes < 10 {
        let s = seconds % 60;
        if s == 0 {
            return format!("{minutes}m");
        }
        return format!("{minutes}m{s}s");
    } else if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = ms / MS_PER_HOUR;
    if hours < 8 {
        let m = minutes % 60;
        if m == 0 {
            return format!("{hours}h");
        }
        return format!("{hours}h{m}m");
    } else if hours < 48 {
        return format!("{hours}h");
    } else if hours < 24 * 8 {
        let h = hours % 24;
        if h == 0 {
            return format!("{}d", hours / 24);
        }
        return format!("{}d{}h", hours / 24, h);
    } else if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    } else if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        if dy == 0 {
            return format!("{}y", hours / 24 / 365);
        }
        return format!("{}y{}d", hours / 24 / 365, dy);
    }
    format!("{}y", hours / 24 / 365)
}

/// apimachinery `duration.ShortHumanDuration`: a single unit, truncated.
///
/// `<invalid>` / `0s` for the future as in [`human_duration`], then seconds below 1 min,
/// minutes below 1 h, hours below 24 h, days below 365 d, then years.
pub fn short_human_duration(ms: i64) -> String {
    let seconds = whole_seconds(ms);
    if seconds < -1 {
        return "<invalid>".to_string();
    } else if seconds < 0 {
        return "0s".to_string();
    } else if seconds < 60 {
        return format!("{seconds}s");
    }
    let minutes = go_minutes(ms) as i64;
    if minutes < 60 {
        return format!("{minutes}m");
    }
    let hours = go_hours(ms) as i64;
    if hours < 24 {
        return format!("{hours}h");
    } else if hours < 24 * 365 {
        return format!("{}d", hours / 24);
    }
    format!("{}y", (go_hours(ms) / 24.0 / 365.0) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: i64 = 1_000;
    const M: i64 = 60 * S;
    const H: i64 = 60 * M;
    const D: i64 = 24 * H;
    const Y: i64 = 365 * D;

    #[test]
    fn human_duration_future_and_now() {
        assert_eq!(human_duration(-2 * S - 1), "<invalid>");
        assert_eq!(human_duration(-2 * S), "<invalid>");
        assert_eq!(human_duration(-1999), "0s");
        assert_eq!(human_duration(-S), "0s");
        assert_eq!(human_duration(-999), "0s");
        assert_eq!(human_duration(0), "0s");
        assert_eq!(human_duration(999), "0s");
        assert_eq!(human_duration(i64::MIN), "<invalid>");
    }

    #[test]
    fn human_duration_boundaries() {
        let cases: &[(i64, &str)] = &[
            (S, "1s"),
            (45 * S, "45s"),
            (119 * S + 999, "119s"),
            (2 * M, "2m"),
            (2 * M + S, "2m1s"),
            (3 * M, "3m"),
            (5 * M + 37 * S, "5m37s"),
            (9 * M + 59 * S + 999, "9m59s"),
            (10 * M, "10m"),
            (10 * M + 59 * S, "10m"),
            (85 * M, "85m"),
            (179 * M + 59 * S, "179m"),
            (3 * H, "3h"),
            (3 * H + 4 * M, "3h4m"),
            (5 * H, "5h"),
            (7 * H + 59 * M + 59 * S, "7h59m"),
            (8 * H, "8h"),
            (23 * H, "23h"),
            (47 * H + 59 * M, "47h"),
            (48 * H, "2d"),
            (2 * D + 3 * H, "2d3h"),
            (7 * D, "7d"),
            (7 * D + 23 * H + 59 * M, "7d23h"),
            (8 * D, "8d"),
            (45 * D, "45d"),
            (400 * D, "400d"),
            (729 * D + 23 * H, "729d"),
            (2 * Y, "2y"),
            (2 * Y + 15 * D, "2y15d"),
            (7 * Y + 364 * D, "7y364d"),
            (8 * Y, "8y"),
            (9 * Y + 100 * D, "9y"),
        ];
        for (ms, want) in cases {
            assert_eq!(human_duration(*ms), *want, "ms={ms}");
        }
    }

    #[test]
    fn human_duration_huge() {
        assert_eq!(
            human_duration(i64::MAX),
            format!("{}y", i64::MAX / H / 24 / 365)
        );
    }

    #[test]
    fn short_human_duration_boundaries() {
        let cases: &[(i64, &str)] = &[
            (-2 * S, "<invalid>"),
            (-S, "0s"),
            (0, "0s"),
            (59 * S + 999, "59s"),
            (60 * S, "1m"),
            (119 * S, "1m"),
            (59 * M + 59 * S, "59m"),
            (H, "1h"),
            (23 * H + 59 * M, "23h"),
            (24 * H, "1d"),
            (364 * D + 23 * H, "364d"),
            (Y, "1y"),
            (2 * Y + 100 * D, "2y"),
            (10 * Y, "10y"),
        ];
        for (ms, want) in cases {
            assert_eq!(short_human_duration(*ms), *want, "ms={ms}");
        }
        // Must not panic on extremes.
        assert_eq!(short_human_duration(i64::MIN), "<invalid>");
        assert!(short_human_duration(i64::MAX).ends_with('y'));
    }
}
