//! Virtual time. The core never reads the wall clock: the host (web page or native runner) advances
//! this clock, and every timestamp in the cluster comes from it.

/// Milliseconds since the Unix epoch, UTC.
pub type TimeMs = i64;

/// When the simulated cluster was created by `kubeadm init`: 2026-11-12T09:14:22Z.
pub const CLUSTER_CREATED_MS: TimeMs = 1_794_474_862_000;

/// How long the cluster has been up when a session starts.
pub const UPTIME_AT_SESSION_START_MS: TimeMs = (9 * 24 * 3600 + 3 * 3600 + 26 * 60 + 11) * 1000;

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Clock {
    now_ms: TimeMs,
}

impl Clock {
    pub fn new(now_ms: TimeMs) -> Clock {
        Clock { now_ms }
    }
    pub fn now(&self) -> TimeMs {
        self.now_ms
    }
    /// Moves time forward; time never goes back.
    pub fn set(&mut self, t: TimeMs) {
        if t > self.now_ms {
            self.now_ms = t;
        }
    }
}

/// Days since 1970-01-01 to (year, month, day), Howard Hinnant's `civil_from_days`.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Broken-down UTC time.
pub struct Civil {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
    /// 0 = Sunday
    pub weekday: u32,
}

pub fn civil(t: TimeMs) -> Civil {
    let secs = t.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    Civil {
        year,
        month,
        day,
        hour: (rem / 3600) as u32,
        minute: ((rem % 3600) / 60) as u32,
        second: (rem % 60) as u32,
        weekday: (days + 4).rem_euclid(7) as u32,
    }
}

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `2026-11-12T09:14:22Z`, as metav1.Time serialises.
pub fn rfc3339(t: TimeMs) -> String {
    let c = civil(t);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

/// `Thu, 12 Nov 2026 09:14:22 +0000`, as `kubectl describe` prints times.
pub fn rfc1123z(t: TimeMs) -> String {
    let c = civil(t);
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} +0000",
        WEEKDAYS[c.weekday as usize],
        c.day,
        MONTHS[(c.month - 1) as usize],
        c.year,
        c.hour,
        c.minute,
        c.second
    )
}

/// `Sun Nov 22 10:00:00 UTC 2026`, as `date` prints.
pub fn unix_date(t: TimeMs) -> String {
    ctime_with_zone(t, "UTC ")
}

/// `Sun Nov 22 10:00:00 2026`, C's `ctime` (OpenSSH's `Last login:`).
pub fn ctime(t: TimeMs) -> String {
    ctime_with_zone(t, "")
}

fn ctime_with_zone(t: TimeMs, zone: &str) -> String {
    let c = civil(t);
    format!(
        "{} {} {:2} {:02}:{:02}:{:02} {zone}{}",
        WEEKDAYS[c.weekday as usize],
        MONTHS[(c.month - 1) as usize],
        c.day,
        c.hour,
        c.minute,
        c.second,
        c.year
    )
}

/// Parses `2026-11-12T09:14:22Z` (as written by `rfc3339`).
pub fn parse_rfc3339(s: &str) -> Option<TimeMs> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
    // days_from_civil
    let y2 = if mo <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let mp = if mo > 2 { mo - 3 } else { mo + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 86_400) + h * 3600 + mi * 60 + se) * 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_the_cluster_creation_time() {
        assert_eq!(rfc3339(CLUSTER_CREATED_MS), "2026-11-12T09:14:22Z");
        assert_eq!(
            rfc1123z(CLUSTER_CREATED_MS),
            "Thu, 12 Nov 2026 09:14:22 +0000"
        );
        assert_eq!(
            parse_rfc3339("2026-11-12T09:14:22Z"),
            Some(CLUSTER_CREATED_MS)
        );
        assert_eq!(unix_date(0), "Thu Jan  1 00:00:00 UTC 1970");
    }
}
