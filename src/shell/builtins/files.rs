//! File utilities: cat, ls, mkdir, rmdir, rm, cp, mv, touch, tee, find, basename, dirname…

use super::{getopt, lq, q, read_input, Spec};
use crate::shell::{Io, Shell, System};
use crate::sorting::SharedSort;
use crate::vfs::{normalize, split_parent, DirEntry, FsError};

fn usage_err(io: &mut Io, m: String) -> i32 {
    io.err(m);
    1
}

pub(super) fn cat(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let spec = Spec {
        flags: "nbEAseTvu",
        with_arg: "",
        long: &[
            ("number", "n", false),
            ("number-nonblank", "b", false),
            ("show-ends", "E", false),
            ("show-all", "A", false),
        ],
        permute: true,
    };
    let o = match getopt("cat", args, &spec) {
        Ok(o) => o,
        Err(m) => return usage_err(io, m),
    };
    let files = if o.args.is_empty() {
        vec!["-".to_string()]
    } else {
        o.args.clone()
    };
    let mut st = 0;
    let mut lineno = 0usize;
    let number = o.has("n") || o.has("b");
    let ends = o.has("E") || o.has("A") || o.has("e");
    for f in &files {
        match read_input(sh, sys, f, io) {
            Ok(text) => {
                if !number && !ends {
                    io.out(&text);
                    continue;
                }
                let mut out = String::new();
                let ls = super::lines(&text);
                let last_has_nl = text.ends_with('\n');
                for (k, l) in ls.iter().enumerate() {
                    let blank = l.is_empty();
                    if number && !(o.has("b") && blank) {
                        lineno += 1;
                        out.push_str(&format!("{lineno:>6}\t"));
                    }
                    out.push_str(l);
                    if k + 1 < ls.len() || last_has_nl {
                        if ends {
                            out.push('$');
                        }
                        out.push('\n');
                    }
                }
                io.out(out);
            }
            Err(e) => {
                io.err(format!("cat: {f}: {e}\n"));
                st = 1;
            }
        }
    }
    st
}

// ---- dates for ls -l ----

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];

/// Civil date from days since 1970-01-01: (year, month 1-12, day 1-31).
pub(crate) fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Days since 1970-01-01 of a civil date.
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Broken-down UTC time.
pub(crate) struct Tm {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub min: u32,
    pub sec: u32,
    pub wday: usize,
    pub yday: u32,
    pub ms: u32,
}

pub(crate) fn tm(ms: i64) -> Tm {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (year, month, day) = civil(days);
    let yday = (days - days_from_civil(year, 1, 1)) as u32;
    Tm {
        year,
        month,
        day,
        hour: (rem / 3600) as u32,
        min: (rem % 3600 / 60) as u32,
        sec: (rem % 60) as u32,
        wday: days.rem_euclid(7) as usize,
        yday,
        ms: ms.rem_euclid(1000) as u32,
    }
}

pub(crate) fn month_name(m: u32) -> &'static str {
    MONTHS
        .get((m as usize).wrapping_sub(1))
        .copied()
        .unwrap_or("Jan")
}

pub(crate) fn day_name(wday: usize) -> &'static str {
    DAYS.get(wday).copied().unwrap_or("Thu")
}

/// `Nov 22 10:00` (recent) or `Nov 22  2025` (older than six months or in the future).
fn ls_date(mtime: i64, now: i64) -> String {
    let t = tm(mtime);
    let six_months = 182 * 86_400_000i64 + 43_200_000;
    if now - mtime > six_months || mtime - now > 3_600_000 {
        format!("{} {:>2}  {}", month_name(t.month), t.day, t.year)
    } else {
        format!(
            "{} {:>2} {:02}:{:02}",
            month_name(t.month),
            t.day,
            t.hour,
            t.min
        )
    }
}

fn human(size: u64) -> String {
    if size < 1024 {
        return size.to_string();
    }
    let units = ['K', 'M', 'G', 'T'];
    let mut v = size as f64;
    let mut u = 0;
    v /= 1024.0;
    while v >= 1024.0 && u < units.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if v < 10.0 {
        let r = (v * 10.0).ceil() / 10.0;
        if r < 10.0 {
            return format!("{r:.1}{}", units[u]);
        }
        return format!("{}{}", r.ceil() as u64, units[u]);
    }
    format!("{}{}", v.ceil() as u64, units[u])
}

fn blocks(e: &DirEntry) -> u64 {
    if e.is_dir {
        4
    } else {
        e.size.div_ceil(4096) * 4
    }
}

/// Lay names out in columns like GNU ls for an 80-column terminal.
pub(crate) fn columns(names: &[String], width: usize) -> String {
    if names.is_empty() {
        return String::new();
    }
    let lens: Vec<usize> = names.iter().map(|n| n.chars().count()).collect();
    let n = names.len();
    let max_cols = (width / 3).max(1).min(n);
    // Fallback: one name per line.
    let mut best = (n, vec![lens.iter().copied().max().unwrap_or(0)]);
    for cols in (1..=max_cols).rev() {
        let rows = n.div_ceil(cols);
        let used_cols = n.div_ceil(rows);
        let mut widths = vec![0usize; used_cols];
        for (i, l) in lens.iter().enumerate() {
            let c = i / rows;
            if c < used_cols {
                widths[c] = widths[c].max(*l);
            }
        }
        let total: usize = widths
            .iter()
            .enumerate()
            .map(|(c, w)| if c + 1 == used_cols { *w } else { w + 2 })
            .sum();
        if total < width {
            best = (rows, widths);
            break;
        }
    }
    let (rows, widths) = best;
    let mut out = String::new();
    for r in 0..rows {
        let mut line = String::new();
        let mut c = 0;
        loop {
            let i = c * rows + r;
            if i >= n {
                break;
            }
            let next_exists = (c + 1) * rows + r < n;
            line.push_str(&names[i]);
            if next_exists {
                let pad = (widths.get(c).copied().unwrap_or(0) + 2).saturating_sub(lens[i]);
                line.push_str(&" ".repeat(pad));
            }
            c += 1;
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

struct LsOpts {
    long: bool,
    all: bool,
    almost: bool,
    one: bool,
    recursive: bool,
    human: bool,
    by_time: bool,
    by_size: bool,
    reverse: bool,
    dir_itself: bool,
    classify: bool,
}

pub(super) fn ls(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let spec = Spec {
        flags: "laA1RhtrdSFCp",
        with_arg: "",
        long: &[
            ("all", "a", false),
            ("almost-all", "A", false),
            ("recursive", "R", false),
            ("human-readable", "h", false),
            ("reverse", "r", false),
            ("directory", "d", false),
            ("classify", "F", false),
            ("color", "color", false),
        ],
        permute: true,
    };
    let args: Vec<String> = args
        .iter()
        .filter(|a| !a.starts_with("--color"))
        .cloned()
        .collect();
    let o = match getopt("ls", &args, &spec) {
        Ok(o) => o,
        Err(m) => {
            io.err(m);
            return 2;
        }
    };
    let lo = LsOpts {
        long: o.has("l"),
        all: o.has("a"),
        almost: o.has("A"),
        one: o.has("1") || (!sh.stdout_tty && !o.has("C")),
        recursive: o.has("R"),
        human: o.has("h"),
        by_time: o.has("t"),
        by_size: o.has("S"),
        reverse: o.has("r"),
        dir_itself: o.has("d"),
        classify: o.has("F") || o.has("p"),
    };
    let now = sys.now_ms();
    let operands = if o.args.is_empty() {
        vec![".".to_string()]
    } else {
        o.args.clone()
    };
    let mut st = 0;
    let mut files: Vec<(String, DirEntry)> = Vec::new();
    let mut dirs: Vec<(String, String)> = Vec::new();
    for a in &operands {
        let path = normalize(&sh.cwd, a);
        let fs = sys.fs();
        match fs.stat(&path) {
            Ok(mut e) => {
                if e.is_dir && !lo.dir_itself {
                    dirs.push((a.clone(), path));
                } else {
                    e.name = a.clone();
                    files.push((path, e));
                }
            }
            Err(err) => {
                io.err(format!("ls: cannot access {}: {err}\n", q(a)));
                st = 2;
            }
        }
    }
    let mut out = String::new();
    let multiple = operands.len() > 1 || lo.recursive;
    if !files.is_empty() {
        let mut entries: Vec<DirEntry> = files.into_iter().map(|(_, e)| e).collect();
        sort_entries(&mut entries, &lo);
        out.push_str(&format_entries(&entries, &lo, now, sys, None, false));
    }
    let had_files = !out.is_empty();
    let mut first = true;
    let mut queue: Vec<(String, String)> = dirs;
    let mut listed = 0usize;
    while !queue.is_empty() {
        let (shown, path) = queue.remove(0);
        listed += 1;
        if listed > 10_000 || out.len() > 16 * 1024 * 1024 {
            break;
        }
        let entries = match sys.fs().list(&path) {
            Ok(e) => e,
            Err(err) => {
                io.err(format!("ls: cannot open directory {}: {err}\n", q(&shown)));
                st = 2;
                continue;
            }
        };
        if multiple {
            if !first || had_files {
                out.push('\n');
            }
            out.push_str(&format!("{shown}:\n"));
        }
        first = false;
        let mut shown_entries: Vec<DirEntry> = entries
            .into_iter()
            .filter(|e| lo.all || lo.almost || !e.name.starts_with('.'))
            .collect();
        if lo.all {
            if let Ok(mut dot) = sys.fs().stat(&path) {
                dot.name = ".".into();
                let parent = split_parent(&path)
                    .map(|(p, _)| p)
                    .unwrap_or_else(|| "/".into());
                let mut dotdot = sys.fs().stat(&parent).unwrap_or_else(|_| dot.clone());
                dotdot.name = "..".into();
                shown_entries.insert(0, dotdot);
                shown_entries.insert(0, dot);
            }
        }
        sort_entries(&mut shown_entries, &lo);
        out.push_str(&format_entries(
            &shown_entries,
            &lo,
            now,
            sys,
            Some(&path),
            true,
        ));
        if lo.recursive {
            let mut subs = Vec::new();
            for e in &shown_entries {
                if e.is_dir && e.name != "." && e.name != ".." {
                    let sp = if path == "/" {
                        format!("/{}", e.name)
                    } else {
                        format!("{path}/{}", e.name)
                    };
                    let ss = if shown.ends_with('/') {
                        format!("{shown}{}", e.name)
                    } else {
                        format!("{shown}/{}", e.name)
                    };
                    subs.push((ss, sp));
                }
            }
            for (k, s) in subs.into_iter().enumerate() {
                queue.insert(k, s);
            }
        }
    }
    io.out(out);
    st
}

fn sort_entries(v: &mut [DirEntry], lo: &LsOpts) {
    if lo.by_time {
        v.sort_shared_by(|a, b| b.mtime_ms.cmp(&a.mtime_ms).then(a.name.cmp(&b.name)));
    } else if lo.by_size {
        v.sort_shared_by(|a, b| b.size.cmp(&a.size).then(a.name.cmp(&b.name)));
    } else {
        v.sort_shared_by(|a, b| a.name.cmp(&b.name));
    }
    if lo.reverse {
        v.reverse();
    }
}

fn format_entries(
    v: &[DirEntry],
    lo: &LsOpts,
    now: i64,
    sys: &mut dyn System,
    dir: Option<&str>,
    total: bool,
) -> String {
    let name_of = |e: &DirEntry| {
        if lo.classify && e.is_dir {
            format!("{}/", e.name)
        } else {
            e.name.clone()
        }
    };
    if lo.long {
        let mut out = String::new();
        if total {
            let t: u64 = v.iter().map(blocks).sum();
            if lo.human {
                out.push_str(&format!("total {}\n", human(t * 1024)));
            } else {
                out.push_str(&format!("total {t}\n"));
            }
        }
        let links: Vec<usize> = v
            .iter()
            .map(|e| {
                if e.is_dir {
                    let p = match dir {
                        Some(d) if e.name != "." && e.name != ".." => normalize(d, &e.name),
                        Some(d) if e.name == "." => d.to_string(),
                        Some(d) => normalize(d, ".."),
                        None => e.name.clone(),
                    };
                    2 + sys.fs().subdir_count(&p)
                } else {
                    1
                }
            })
            .collect();
        let sizes: Vec<String> = v
            .iter()
            .map(|e| {
                if lo.human {
                    human(e.size)
                } else {
                    e.size.to_string()
                }
            })
            .collect();
        let lw = links.iter().map(|l| l.to_string().len()).max().unwrap_or(1);
        let sw = sizes.iter().map(String::len).max().unwrap_or(1);
        for (k, e) in v.iter().enumerate() {
            let mode = if e.is_dir { "drwxr-xr-x" } else { "-rw-r--r--" };
            out.push_str(&format!(
                "{mode} {:>lw$} root root {:>sw$} {} {}\n",
                links[k],
                sizes[k],
                ls_date(e.mtime_ms, now),
                name_of(e)
            ));
        }
        return out;
    }
    let names: Vec<String> = v.iter().map(name_of).collect();
    if lo.one {
        return super::unlines(&names);
    }
    columns(&names, 80)
}

pub(super) fn mkdir(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let spec = Spec {
        flags: "pv",
        with_arg: "m",
        long: &[
            ("parents", "p", false),
            ("verbose", "v", false),
            ("mode", "m", true),
        ],
        permute: true,
    };
    let o = match getopt("mkdir", args, &spec) {
        Ok(o) => o,
        Err(m) => return usage_err(io, m),
    };
    if o.args.is_empty() {
        io.err("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
        return 1;
    }
    let now = sys.now_ms();
    let mut st = 0;
    for a in &o.args {
        let path = normalize(&sh.cwd, a);
        let fs = sys.fs();
        let r = if o.has("p") {
            fs.mkdir_p(&path, now)
        } else {
            fs.mkdir(&path, now)
        };
        match r {
            Ok(()) => {
                if o.has("v") {
                    io.out(format!("mkdir: created directory {}\n", q(a)));
                }
            }
            Err(e) => {
                io.err(format!("mkdir: cannot create directory {}: {e}\n", lq(a)));
                st = 1;
            }
        }
    }
    st
}

pub(super) fn rmdir(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let spec = Spec {
        flags: "pv",
        with_arg: "",
        long: &[("parents", "p", false), ("verbose", "v", false)],
        permute: true,
    };
    let o = match getopt("rmdir", args, &spec) {
        Ok(o) => o,
        Err(m) => return usage_err(io, m),
    };
    if o.args.is_empty() {
        io.err("rmdir: missing operand\nTry 'rmdir --help' for more information.\n");
        return 1;
    }
    let mut st = 0;
    for a in &o.args {
        let path = normalize(&sh.cwd, a);
        let fs = sys.fs();
        let r = if !fs.exists(&path) {
            Err(FsError::NotFound)
        } else if !fs.is_dir(&path) {
            Err(FsError::NotADirectory)
        } else {
            fs.remove(&path, false)
        };
        if let Err(e) = r {
            io.err(format!("rmdir: failed to remove {}: {e}\n", q(a)));
            st = 1;
        }
    }
    st
}

pub(super) fn rm(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let spec = Spec {
        flags: "rRfivd",
        with_arg: "",
        long: &[
            ("recursive", "r", false),
            ("force", "f", false),
            ("verbose", "v", false),
            ("dir", "d", false),
            ("no-preserve-root", "np", false),
        ],
        permute: true,
    };
    let o = match getopt("rm", args, &spec) {
        Ok(o) => o,
        Err(m) => return usage_err(io, m),
    };
    let force = o.has("f");
    let recursive = o.has("r") || o.has("R");
    if o.args.is_empty() {
        if force {
            return 0;
        }
        io.err("rm: missing operand\nTry 'rm --help' for more information.\n");
        return 1;
    }
    let mut st = 0;
    for a in &o.args {
        let path = normalize(&sh.cwd, a);
        if recursive && path == "/" && !o.has("np") {
            io.err("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
            st = 1;
            continue;
        }
        if a == "." || a == ".." || a.ends_with("/.") || a.ends_with("/..") {
            io.err(format!(
                "rm: refusing to remove '.' or '..' directory: skipping {}\n",
                q(a)
            ));
            st = 1;
            continue;
        }
        let fs = sys.fs();
        if !fs.exists(&path) {
            if !force {
                io.err(format!(
                    "rm: cannot remove {}: No such file or directory\n",
                    q(a)
                ));
                st = 1;
            }
            continue;
        }
        if fs.is_dir(&path) && !recursive {
            let empty = fs.list(&path).map(|l| l.is_empty()).unwrap_or(false);
            if !(o.has("d") && empty) {
                io.err(format!("rm: cannot remove {}: Is a directory\n", q(a)));
                st = 1;
                continue;
            }
        }
        match fs.remove(&path, recursive) {
            Ok(()) => {
                if o.has("v") {
                    io.out(format!("removed {}\n", q(a)));
                }
            }
            Err(e) => {
                io.err(format!("rm: cannot remove {}: {e}\n", q(a)));
                st = 1;
            }
        }
    }
    st
}

fn basename_of(p: &str) -> String {
    let t = p.trim_end_matches('/');
    if t.is_empty() {
        return "/".into();
    }
    t.rsplit('/').next().unwrap_or(t).to_string()
}

/// Shared by cp and mv: (sources, destination, destination is a directory).
fn src_dst(
    cmd: &str,
    sh: &Shell,
    sys: &mut dyn System,
    operands: &[String],
    io: &mut Io,
) -> Option<(Vec<String>, String, bool)> {
    if operands.is_empty() {
        io.err(format!(
            "{cmd}: missing file operand\nTry '{cmd} --help' for more information.\n"
        ));
        return None;
    }
    if operands.len() == 1 {
        io.err(format!("{cmd}: missing destination file operand after {}\nTry '{cmd} --help' for more information.\n", q(&operands[0])));
        return None;
    }
    let (srcs, dst) = operands.split_at(operands.len() - 1);
    let dst = dst[0].clone();
    let dpath = normalize(&sh.cwd, &dst);
    let is_dir = sys.fs().is_dir(&dpath);
    if srcs.len() > 1 && !is_dir {
        io.err(format!("{cmd}: target {} is not a directory\n", q(&dst)));
        return None;
    }
    Some((srcs.to_vec(), dst, is_dir))
}

pub(super) fn cp(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let spec = Spec {
        flags: "rRafivpnu",
        with_arg: "",
        long: &[
            ("recursive", "r", false),
            ("archive", "a", false),
            ("force", "f", false),
            ("verbose", "v", false),
        ],
        permute: true,
    };
    let o = match getopt("cp", args, &spec) {
        Ok(o) => o,
        Err(m) => return usage_err(io, m),
    };
    let recursive = o.has("r") || o.has("R") || o.has("a");
    let Some((srcs, dst, dst_dir)) = src_dst("cp", sh, sys, &o.args, io) else {
        return 1;
    };
    let now = sys.now_ms();
    let mut st = 0;
    for s in &srcs {
        let sp = normalize(&sh.cwd, s);
        let target = if dst_dir {
            normalize(&normalize(&sh.cwd, &dst), &basename_of(s))
        } else {
            normalize(&sh.cwd, &dst)
        };
        let fs = sys.fs();
        if !fs.exists(&sp) {
            io.err(format!(
                "cp: cannot stat {}: No such file or directory\n",
                q(s)
            ));
            st = 1;
            continue;
        }
        if fs.is_dir(&sp) && !recursive {
            io.err(format!(
                "cp: -r not specified; omitting directory {}\n",
                q(s)
            ));
            st = 1;
            continue;
        }
        if sp == target {
            io.err(format!("cp: {} and {} are the same file\n", q(s), q(&dst)));
            st = 1;
            continue;
        }
        if fs.is_dir(&sp) && (target.starts_with(&format!("{sp}/"))) {
            io.err(format!(
                "cp: cannot copy a directory, {}, into itself, {}\n",
                q(s),
                q(&dst)
            ));
            st = 1;
            continue;
        }
        if !fs.is_dir(&sp) && fs.is_dir(&target) {
            io.err(format!(
                "cp: cannot overwrite directory {} with non-directory\n",
                q(&target)
            ));
            st = 1;
            continue;
        }
        match fs.copy(&sp, &target, now) {
            Ok(()) => {
                if o.has("v") {
                    io.out(format!("{} -> {}\n", q(s), q(&target)));
                }
            }
            Err(e) => {
                io.err(format!("cp: cannot create regular file {}: {e}\n", q(&dst)));
                st = 1;
            }
        }
    }
    st
}

pub(super) fn mv(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let spec = Spec {
        flags: "fivnu",
        with_arg: "",
        long: &[("force", "f", false), ("verbose", "v", false)],
        permute: true,
    };
    let o = match getopt("mv", args, &spec) {
        Ok(o) => o,
        Err(m) => return usage_err(io, m),
    };
    let Some((srcs, dst, dst_dir)) = src_dst("mv", sh, sys, &o.args, io) else {
        return 1;
    };
    let now = sys.now_ms();
    let mut st = 0;
    for s in &srcs {
        let sp = normalize(&sh.cwd, s);
        let target = if dst_dir {
            normalize(&normalize(&sh.cwd, &dst), &basename_of(s))
        } else {
            normalize(&sh.cwd, &dst)
        };
        let fs = sys.fs();
        if !fs.exists(&sp) {
            io.err(format!(
                "mv: cannot stat {}: No such file or directory\n",
                q(s)
            ));
            st = 1;
            continue;
        }
        if target.starts_with(&format!("{sp}/")) {
            io.err(format!(
                "mv: cannot move {} to a subdirectory of itself, {}\n",
                q(s),
                q(&target)
            ));
            st = 1;
            continue;
        }
        if sp == target {
            io.err(format!("mv: {} and {} are the same file\n", q(s), q(&dst)));
            st = 1;
            continue;
        }
        match fs.rename(&sp, &target, now) {
            Ok(()) => {
                if o.has("v") {
                    io.out(format!("renamed {} -> {}\n", q(s), q(&target)));
                }
            }
            Err(e) => {
                io.err(format!("mv: cannot move {} to {}: {e}\n", q(s), q(&dst)));
                st = 1;
            }
        }
    }
    st
}

pub(super) fn touch(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let spec = Spec {
        flags: "acm",
        with_arg: "dtr",
        long: &[("no-create", "c", false), ("date", "d", true)],
        permute: true,
    };
    let o = match getopt("touch", args, &spec) {
        Ok(o) => o,
        Err(m) => return usage_err(io, m),
    };
    if o.args.is_empty() {
        io.err("touch: missing file operand\nTry 'touch --help' for more information.\n");
        return 1;
    }
    let now = sys.now_ms();
    let mut st = 0;
    for a in &o.args {
        let path = normalize(&sh.cwd, a);
        let fs = sys.fs();
        if o.has("c") && !fs.exists(&path) {
            continue;
        }
        if let Err(e) = fs.touch(&path, now) {
            io.err(format!("touch: cannot touch {}: {e}\n", q(a)));
            st = 1;
        }
    }
    st
}

pub(super) fn tee(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let spec = Spec {
        flags: "ai",
        with_arg: "",
        long: &[("append", "a", false)],
        permute: true,
    };
    let o = match getopt("tee", args, &spec) {
        Ok(o) => o,
        Err(m) => return usage_err(io, m),
    };
    let input = io.take_stdin();
    let now = sys.now_ms();
    let mut st = 0;
    for f in &o.args {
        if f == "/dev/null" {
            continue;
        }
        if f == "-" || f == "/dev/stdout" {
            io.out(&input);
            continue;
        }
        let path = normalize(&sh.cwd, f);
        let fs = sys.fs();
        let r = if o.has("a") {
            fs.append(&path, &input, now)
        } else {
            fs.write(&path, &input, now)
        };
        if let Err(e) = r {
            io.err(format!("tee: {f}: {e}\n"));
            st = 1;
        }
    }
    io.out(input);
    st
}

pub(super) fn basename(args: &[String], io: &mut Io) -> i32 {
    let Some(p) = args.first() else {
        io.err("basename: missing operand\nTry 'basename --help' for more information.\n");
        return 1;
    };
    let mut b = basename_of(p);
    if let Some(suffix) = args.get(1) {
        if b.len() > suffix.len() {
            if let Some(s) = b.strip_suffix(suffix.as_str()) {
                b = s.to_string();
            }
        }
    }
    io.out(format!("{b}\n"));
    0
}

pub(super) fn dirname(args: &[String], io: &mut Io) -> i32 {
    if args.is_empty() {
        io.err("dirname: missing operand\nTry 'dirname --help' for more information.\n");
        return 1;
    }
    for p in args {
        let t = p.trim_end_matches('/');
        let d = match t.rfind('/') {
            Some(0) => "/".to_string(),
            Some(i) => t[..i].trim_end_matches('/').to_string(),
            None => {
                if p.starts_with('/') {
                    "/".into()
                } else {
                    ".".into()
                }
            }
        };
        io.out(format!("{}\n", if d.is_empty() { "/" } else { &d }));
    }
    0
}

pub(super) fn realpath(
    sh: &mut Shell,
    sys: &mut dyn System,
    name: &str,
    args: &[String],
    io: &mut Io,
) -> i32 {
    let ops: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    if ops.is_empty() {
        io.err(format!(
            "{name}: missing operand\nTry '{name} --help' for more information.\n"
        ));
        return 1;
    }
    let mut st = 0;
    for a in ops {
        let p = normalize(&sh.cwd, a);
        if name == "realpath"
            && !sys.fs().exists(&p)
            && !sys
                .fs()
                .is_dir(&split_parent(&p).map(|x| x.0).unwrap_or_default())
        {
            io.err(format!("realpath: {a}: No such file or directory\n"));
            st = 1;
            continue;
        }
        if name == "readlink"
            && !args
                .iter()
                .any(|x| x.starts_with("-f") || x == "-e" || x == "-m")
        {
            st = 1;
            continue;
        }
        io.out(format!("{p}\n"));
    }
    st
}

pub(super) fn chmod(
    sh: &mut Shell,
    sys: &mut dyn System,
    name: &str,
    args: &[String],
    io: &mut Io,
) -> i32 {
    let ops: Vec<&String> = args
        .iter()
        .filter(|a| !a.starts_with('-') || a.len() == 1)
        .collect();
    if ops.len() < 2 {
        let what = if ops.is_empty() {
            "missing operand".to_string()
        } else {
            format!("missing operand after {}", q(ops[0]))
        };
        io.err(format!(
            "{name}: {what}\nTry '{name} --help' for more information.\n"
        ));
        return 1;
    }
    let mut st = 0;
    for a in &ops[1..] {
        if !sys.fs().exists(&normalize(&sh.cwd, a)) {
            io.err(format!(
                "{name}: cannot access {}: No such file or directory\n",
                q(a)
            ));
            st = 1;
        }
    }
    st
}

pub(super) fn find(sh: &mut Shell, sys: &mut dyn System, args: &[String], io: &mut Io) -> i32 {
    let mut roots = Vec::new();
    let mut i = 0;
    while i < args.len() && !args[i].starts_with('-') {
        roots.push(args[i].clone());
        i += 1;
    }
    if roots.is_empty() {
        roots.push(".".into());
    }
    let mut name_pat: Option<(String, bool)> = None;
    let mut kind: Option<char> = None;
    let mut maxdepth = usize::MAX;
    let mut mindepth = 0usize;
    while i < args.len() {
        let a = args[i].as_str();
        let v = args.get(i + 1).cloned();
        match a {
            "-name" | "-iname" => {
                let Some(v) = v else {
                    io.err(format!("find: missing argument to `{a}'\n"));
                    return 1;
                };
                name_pat = Some((v, a == "-iname"));
                i += 2;
            }
            "-type" => {
                kind = v.as_deref().and_then(|s| s.chars().next());
                i += 2;
            }
            "-maxdepth" => {
                maxdepth = v
                    .as_deref()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(usize::MAX);
                i += 2;
            }
            "-mindepth" => {
                mindepth = v.as_deref().and_then(|s| s.parse().ok()).unwrap_or(0);
                i += 2;
            }
            "-print" => i += 1,
            _ => {
                io.err(format!("find: unknown predicate `{a}'\n"));
                return 1;
            }
        }
    }
    let pat = name_pat.map(|(p, icase)| {
        let p = if icase { p.to_lowercase() } else { p };
        let mask = vec![true; p.chars().count()];
        (crate::shell::expand::Field { text: p, mask }, icase)
    });
    let mut st = 0;
    let mut out = String::new();
    let mut count = 0usize;
    for r in roots {
        let path = normalize(&sh.cwd, &r);
        if !sys.fs().exists(&path) {
            io.err(format!("find: {}: No such file or directory\n", q(&r)));
            st = 1;
            continue;
        }
        let mut stack = vec![(path, r.clone(), 0usize)];
        while let Some((p, shown, depth)) = stack.pop() {
            count += 1;
            if count > 100_000 {
                break;
            }
            let fs = sys.fs();
            let is_dir = fs.is_dir(&p);
            let base = basename_of(&shown);
            let name_ok = match &pat {
                Some((f, icase)) => {
                    let b = if *icase {
                        base.to_lowercase()
                    } else {
                        base.clone()
                    };
                    crate::shell::expand::pattern_matches(f, &b)
                }
                None => true,
            };
            let kind_ok = match kind {
                Some('f') => !is_dir,
                Some('d') => is_dir,
                Some(_) => false,
                None => true,
            };
            if name_ok && kind_ok && depth >= mindepth {
                out.push_str(&shown);
                out.push('\n');
            }
            if is_dir && depth < maxdepth {
                if let Ok(entries) = fs.list(&p) {
                    for e in entries.iter().rev() {
                        let cp = if p == "/" {
                            format!("/{}", e.name)
                        } else {
                            format!("{p}/{}", e.name)
                        };
                        let cs = if shown.ends_with('/') {
                            format!("{shown}{}", e.name)
                        } else {
                            format!("{shown}/{}", e.name)
                        };
                        stack.push((cp, cs, depth + 1));
                    }
                }
            }
        }
    }
    io.out(out);
    st
}
