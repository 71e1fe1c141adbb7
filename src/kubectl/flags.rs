//! Command-line flag parsing with the semantics of spf13/pflag as kubectl v1.31
//! (through spf13/cobra) uses it, plus kubectl's `--help` "Options:" rendering.
//!
//! Everything here is pure string processing (std only) and never panics.
//!
//! Behaviour reproduced from pflag / cobra / kubectl:
//! * flags and positionals may be interspersed; `--` ends flag parsing and
//!   everything after it is kept in [`Parsed::after_dash`];
//! * `--name=value`, `--name value`, `-n value`, `-nvalue`, `-n=value`,
//!   combined shorthands (`-Ak`), a lone `-` is a positional;
//! * bool flags (and string flags with a "no-option default", such as
//!   `--dry-run`) never take a separate-word value;
//! * `_` in long flag names is normalised to `-` (kubectl's
//!   `WordSepNormalizeFunc`);
//! * cobra's implicit `-h, --help` bool flag;
//! * error texts are byte-for-byte pflag's (`unknown flag: --foo`, ...), and
//!   [`usage_error_lines`] adds kubectl's `error: ` / `See '... --help'` framing.

use crate::sorting::SharedSort;
use std::fmt;

/// The value type of a flag.  Each variant corresponds to a pflag `Value`
/// implementation used by kubectl and determines both how values are parsed
/// (and which error text a bad value produces) and how the default is shown in
/// `--help`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagKind {
    /// `BoolVar`: `--x`, `--x=true|false|1|0|t|f|T|F|TRUE|True|...`; never a
    /// separate-word value.
    Bool,
    /// `StringVar`: shown quoted in `--help` (`--output='':`).
    String,
    /// A string flag with a pflag `NoOptDefVal`: `--dry-run` alone means
    /// `--dry-run=unchanged`; like a bool it never consumes the next word.
    StringOptional(&'static str),
    /// `IntVar` / `Int64Var`: `strconv.ParseInt(s, 0, 64)`.
    Int,
    /// `Int32Var`: `strconv.ParseInt(s, 0, 32)`.
    Int32,
    /// `StringArrayVar`: repeatable, each occurrence is one value verbatim.
    StringArray,
    /// `StringSliceVar`: repeatable, each occurrence is split as one CSV record.
    StringSlice,
    /// `DurationVar` (pflag): Go `time.ParseDuration`.
    Duration,
    /// A Go std-library `flag.Duration` adopted into pflag (kubectl's
    /// `--log-flush-frequency`): bad values report just `parse error`.
    GoDuration,
    /// klog's `-v, --v` Level: `strconv.ParseInt(s, 10, 32)`.
    Level,
    /// klog's `--vmodule` (comma-separated `pattern=N`); shown unquoted.
    ModuleSpec,
}

impl FlagKind {
    /// pflag's `Value.Type()` name.
    pub fn type_name(&self) -> &'static str {
        match self {
            FlagKind::Bool => "bool",
            FlagKind::String | FlagKind::StringOptional(_) => "string",
            FlagKind::Int => "int",
            FlagKind::Int32 => "int32",
            FlagKind::StringArray => "stringArray",
            FlagKind::StringSlice => "stringSlice",
            FlagKind::Duration | FlagKind::GoDuration => "duration",
            FlagKind::Level => "Level",
            FlagKind::ModuleSpec => "moduleSpec",
        }
    }

    /// pflag's `NoOptDefVal`: the value used when the flag is given without
    /// `=value`.  Flags with one never consume the following word.
    pub fn no_opt_default(&self) -> Option<&'static str> {
        match self {
            FlagKind::Bool => Some("true"),
            FlagKind::StringOptional(v) => Some(v),
            _ => None,
        }
    }

    fn is_list(&self) -> bool {
        matches!(self, FlagKind::StringArray | FlagKind::StringSlice)
    }
}

/// Static description of one flag.
///
/// `default` is pflag's `DefValue`, i.e. exactly what `--help` shows after
/// `=` (without the quotes kubectl adds around string flags).  For list kinds
/// use `"[]"` or `"[a,b]"` (an empty string is treated as `"[]"`); for
/// durations use Go's formatting (`"0s"`, `"30s"`, `"1m0s"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FlagSpec {
    pub name: &'static str,
    pub short: Option<char>,
    pub kind: FlagKind,
    pub default: &'static str,
    /// Help text (pflag `Usage`), verbatim; may contain newlines.
    pub usage: &'static str,
}

impl FlagSpec {
    pub const fn new(
        name: &'static str,
        short: Option<char>,
        kind: FlagKind,
        default: &'static str,
        usage: &'static str,
    ) -> FlagSpec {
        FlagSpec {
            name,
            short,
            kind,
            default,
            usage,
        }
    }

    /// pflag's `DefValue` with empty defaults normalised the way pflag would
    /// print the zero value of the type.
    pub fn def_value(&self) -> &'static str {
        if !self.default.is_empty() {
            return self.default;
        }
        match self.kind {
            FlagKind::Bool => "false",
            FlagKind::Int | FlagKind::Int32 | FlagKind::Level => "0",
            FlagKind::StringArray | FlagKind::StringSlice => "[]",
            FlagKind::Duration | FlagKind::GoDuration => "0s",
            FlagKind::String | FlagKind::StringOptional(_) | FlagKind::ModuleSpec => "",
        }
    }

    /// How pflag names the flag in `invalid argument` errors:
    /// `-A, --all-namespaces` or `--replicas`.
    pub fn display_name(&self) -> String {
        match self.short {
            Some(c) => format!("-{}, --{}", c, self.name),
            None => format!("--{}", self.name),
        }
    }
}

/// Global (persistent) flags accepted by every kubectl command, exactly as
/// `kubectl options` lists them in v1.31 (sorted by name).
///
/// Note: `--cache-dir` defaults to `$HOME/.kube/cache`; the value here is the
/// one printed for HOME=/root.
pub const GLOBAL_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("as", None, FlagKind::String, "", "Username to impersonate for the operation. User could be a regular user or a service account in a namespace."),
    FlagSpec::new("as-group", None, FlagKind::StringArray, "[]", "Group to impersonate for the operation, this flag can be repeated to specify multiple groups."),
    FlagSpec::new("as-uid", None, FlagKind::String, "", "UID to impersonate for the operation."),
    FlagSpec::new("cache-dir", None, FlagKind::String, "/root/.kube/cache", "Default cache directory"),
    FlagSpec::new("certificate-authority", None, FlagKind::String, "", "Path to a cert file for the certificate authority"),
    FlagSpec::new("client-certificate", None, FlagKind::String, "", "Path to a client certificate file for TLS"),
    FlagSpec::new("client-key", None, FlagKind::String, "", "Path to a client key file for TLS"),
    FlagSpec::new("cluster", None, FlagKind::String, "", "The name of the kubeconfig cluster to use"),
    FlagSpec::new("context", None, FlagKind::String, "", "The name of the kubeconfig context to use"),
    FlagSpec::new("disable-compression", None, FlagKind::Bool, "false", "If true, opt-out of response compression for all requests to the server"),
    FlagSpec::new("insecure-skip-tls-verify", None, FlagKind::Bool, "false", "If true, the server's certificate will not be checked for validity. This will make your HTTPS connections insecure"),
    FlagSpec::new("kubeconfig", None, FlagKind::String, "", "Path to the kubeconfig file to use for CLI requests."),
    FlagSpec::new("log-flush-frequency", None, FlagKind::GoDuration, "5s", "Maximum number of seconds between log flushes"),
    FlagSpec::new("match-server-version", None, FlagKind::Bool, "false", "Require server version to match client version"),
    FlagSpec::new("namespace", Some('n'), FlagKind::String, "", "If present, the namespace scope for this CLI request"),
    FlagSpec::new("password", None, FlagKind::String, "", "Password for basic authentication to the API server"),
    FlagSpec::new("profile", None, FlagKind::String, "none", "Name of profile to capture. One of (none|cpu|heap|goroutine|threadcreate|block|mutex)"),
    FlagSpec::new("profile-output", None, FlagKind::String, "profile.pprof", "Name of the file to write the profile to"),
    FlagSpec::new("request-timeout", None, FlagKind::String, "0", "The length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests."),
    FlagSpec::new("server", Some('s'), FlagKind::String, "", "The address and port of the Kubernetes API server"),
    FlagSpec::new("tls-server-name", None, FlagKind::String, "", "Server name to use for server certificate validation. If it is not provided, the hostname used to contact the server is used"),
    FlagSpec::new("token", None, FlagKind::String, "", "Bearer token for authentication to the API server"),
    FlagSpec::new("user", None, FlagKind::String, "", "The name of the kubeconfig user to use"),
    FlagSpec::new("username", None, FlagKind::String, "", "Username for basic authentication to the API server"),
    FlagSpec::new("v", Some('v'), FlagKind::Level, "0", "number for the log level verbosity"),
    FlagSpec::new("vmodule", None, FlagKind::ModuleSpec, "", "comma-separated list of pattern=N settings for file-filtered logging (only works for the default text log format)"),
    FlagSpec::new("warnings-as-errors", None, FlagKind::Bool, "false", "Treat warnings received from the server as errors and exit with a non-zero exit code"),
];

/// A flag parsing error; `Display` gives pflag's exact message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FlagError {
    /// `unknown flag: --<name>` (name as typed, before normalisation).
    UnknownFlag { name: String },
    /// `unknown shorthand flag: 'z' in -<rest>` (`byte` is the offending
    /// byte, `rest` the shorthand cluster starting at it).
    UnknownShorthand { byte: u8, rest: String },
    /// `flag needs an argument: --image` (`arg` is the word as typed).
    NeedsArgument { arg: String },
    /// `flag needs an argument: 'n' in -n`.
    NeedsArgumentShorthand { byte: u8, rest: String },
    /// `invalid argument "abc" for "--replicas" flag: <reason>`.
    InvalidArgument {
        value: String,
        flag: String,
        reason: String,
    },
    /// `bad flag syntax: ---x`.
    BadSyntax { arg: String },
}

impl fmt::Display for FlagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlagError::UnknownFlag { name } => write!(f, "unknown flag: --{}", name),
            FlagError::UnknownShorthand { byte, rest } => write!(
                f,
                "unknown shorthand flag: {} in -{}",
                go_quote_rune(char::from(*byte)),
                rest
            ),
            FlagError::NeedsArgument { arg } => write!(f, "flag needs an argument: {}", arg),
            FlagError::NeedsArgumentShorthand { byte, rest } => write!(
                f,
                "flag needs an argument: {} in -{}",
                go_quote_rune(char::from(*byte)),
                rest
            ),
            FlagError::InvalidArgument {
                value,
                flag,
                reason,
            } => write!(
                f,
                "invalid argument {} for {} flag: {}",
                go_quote(value),
                go_quote(flag),
                reason
            ),
            FlagError::BadSyntax { arg } => write!(f, "bad flag syntax: {}", arg),
        }
    }
}

impl std::error::Error for FlagError {}

/// What kubectl writes to stderr (then exits 1) for a flag error, e.g.
/// `error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n`.
/// `command_path` is cobra's CommandPath, e.g. `kubectl create deployment`.
pub fn usage_error_lines(err: &FlagError, command_path: &str) -> String {
    format!("error: {}\nSee '{} --help' for usage.\n", err, command_path)
}

/// A parsed flag value.
#[derive(Clone, Debug, PartialEq)]
enum Value {
    Bool(bool),
    Str(String),
    Int(i64),
    List(Vec<String>),
    /// nanoseconds
    Dur(i64),
}

/// Result of [`parse`].
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    specs: Vec<FlagSpec>,
    values: Vec<Option<Value>>,
    positionals: Vec<String>,
    after_dash: Vec<String>,
    args_len_at_dash: Option<usize>,
}

/// Parse `args` (everything after the command path) against `specs`.
///
/// Cobra's implicit `help` flag (`-h, --help`, bool) is added unless `specs`
/// already has a flag named `help`; it only gets the `h` shorthand when no
/// spec uses `h`.
pub fn parse(args: &[String], specs: &[FlagSpec]) -> Result<Parsed, FlagError> {
    let mut all: Vec<FlagSpec> = specs.to_vec();
    if !all.iter().any(|s| s.name == "help") {
        let short = if all.iter().any(|s| s.short == Some('h')) {
            None
        } else {
            Some('h')
        };
        all.push(FlagSpec::new(
            "help",
            short,
            FlagKind::Bool,
            "false",
            "help",
        ));
    }
    let mut p = Parsed {
        values: vec![None; all.len()],
        specs: all,
        positionals: Vec::new(),
        after_dash: Vec::new(),
        args_len_at_dash: None,
    };

    let mut i = 0usize;
    while i < args.len() {
        let s = &args[i];
        i += 1;
        let b = s.as_bytes();
        if b.len() < 2 || b[0] != b'-' {
            p.positionals.push(s.clone());
            continue;
        }
        if b[1] == b'-' {
            if b.len() == 2 {
                p.args_len_at_dash = Some(p.positionals.len());
                p.after_dash = args[i..].to_vec();
                break;
            }
            i = p.parse_long(s, args, i)?;
        } else {
            i = p.parse_short(s, args, i)?;
        }
    }
    Ok(p)
}

impl Parsed {
    fn lookup_long(&self, name: &str) -> Option<usize> {
        let norm = normalize_name(name);
        self.specs.iter().position(|s| s.name == norm)
    }

    fn lookup_short(&self, c: u8) -> Option<usize> {
        self.specs.iter().position(|s| {
            s.short.map(|sc| sc.is_ascii() && sc as u32 == u32::from(c)) == Some(true)
        })
    }

    /// pflag parseLongArg; `next` indexes the word after `s`.
    fn parse_long(&mut self, s: &str, args: &[String], next: usize) -> Result<usize, FlagError> {
        let name_part = &s[2..];
        if name_part.is_empty() || name_part.starts_with('-') || name_part.starts_with('=') {
            return Err(FlagError::BadSyntax { arg: s.to_string() });
        }
        let (name, inline) = match name_part.find('=') {
            Some(pos) => (&name_part[..pos], Some(&name_part[pos + 1..])),
            None => (name_part, None),
        };
        let idx = match self.lookup_long(name) {
            Some(idx) => idx,
            None => {
                return Err(FlagError::UnknownFlag {
                    name: name.to_string(),
                })
            }
        };
        let spec = self.specs[idx];
        let mut next = next;
        let value: String = if let Some(v) = inline {
            v.to_string()
        } else if let Some(nd) = spec.kind.no_opt_default() {
            nd.to_string()
        } else if next < args.len() {
            next += 1;
            args[next - 1].clone()
        } else {
            return Err(FlagError::NeedsArgument { arg: s.to_string() });
        };
        self.set(idx, &value)?;
        Ok(next)
    }

    /// pflag parseShortArg / parseSingleShortArg.
    fn parse_short(&mut self, s: &str, args: &[String], next: usize) -> Result<usize, FlagError> {
        // pflag hands the *original* remaining args to every shorthand of the
        // cluster; at most one of them can consume a word, after which the
        // cluster ends, so tracking a single `consumed` index is equivalent.
        let bytes = s.as_bytes();
        let mut pos = 1usize; // start of the remaining shorthand cluster
        let mut out_next = next;
        while pos < bytes.len() {
            let rest = &bytes[pos..];
            if rest.starts_with(b"test.") {
                break;
            }
            let c = rest[0];
            let rest_str = String::from_utf8_lossy(rest).into_owned();
            let idx = match self.lookup_short(c) {
                Some(idx) => idx,
                None => {
                    return Err(FlagError::UnknownShorthand {
                        byte: c,
                        rest: rest_str,
                    })
                }
            };
            let spec = self.specs[idx];
            let value: String;
            if rest.len() > 2 && rest[1] == b'=' {
                value = String::from_utf8_lossy(&rest[2..]).into_owned();
                pos = bytes.len();
            } else if let Some(nd) = spec.kind.no_opt_default() {
                value = nd.to_string();
                pos += 1;
            } else if rest.len() > 1 {
                value = String::from_utf8_lossy(&rest[1..]).into_owned();
                pos = bytes.len();
            } else if next < args.len() {
                value = args[next].clone();
                out_next = next + 1;
                pos = bytes.len();
            } else {
                return Err(FlagError::NeedsArgumentShorthand {
                    byte: c,
                    rest: rest_str,
                });
            }
            self.set(idx, &value)?;
        }
        Ok(out_next)
    }

    /// pflag FlagSet.Set: parse and store (or append) `value`.
    fn set(&mut self, idx: usize, value: &str) -> Result<(), FlagError> {
        let spec = self.specs[idx];
        let invalid = |reason: String| FlagError::InvalidArgument {
            value: value.to_string(),
            flag: spec.display_name(),
            reason,
        };
        let new = match spec.kind {
            FlagKind::Bool => Value::Bool(go_parse_bool(value).map_err(invalid)?),
            FlagKind::String | FlagKind::StringOptional(_) => Value::Str(value.to_string()),
            FlagKind::Int => Value::Int(go_parse_int(value, 0, 64).map_err(invalid)?),
            FlagKind::Int32 => Value::Int(go_parse_int(value, 0, 32).map_err(invalid)?),
            FlagKind::Level => Value::Int(go_parse_int(value, 10, 32).map_err(invalid)?),
            FlagKind::Duration => Value::Dur(go_parse_duration(value).map_err(invalid)?),
            FlagKind::GoDuration => Value::Dur(
                go_parse_duration(value).map_err(|_| invalid("parse error".to_string()))?,
            ),
            FlagKind::ModuleSpec => {
                check_vmodule(value).map_err(invalid)?;
                Value::Str(value.to_string())
            }
            FlagKind::StringArray => {
                let mut list = match self.values[idx].take() {
                    Some(Value::List(l)) => l,
                    _ => Vec::new(),
                };
                list.push(value.to_string());
                Value::List(list)
            }
            FlagKind::StringSlice => {
                let parsed = read_as_csv(value).map_err(invalid)?;
                let mut list = match self.values[idx].take() {
                    Some(Value::List(l)) => l,
                    _ => Vec::new(),
                };
                list.extend(parsed);
                Value::List(list)
            }
        };
        if let Some(slot) = self.values.get_mut(idx) {
            *slot = Some(new);
        }
        Ok(())
    }

    fn find(&self, name: &str) -> Option<(FlagSpec, Option<&Value>)> {
        let idx = self.lookup_long(name)?;
        let spec = *self.specs.get(idx)?;
        Some((spec, self.values.get(idx).and_then(|v| v.as_ref())))
    }

    /// Whether the flag was given on the command line (pflag `Changed`).
    pub fn changed(&self, name: &str) -> bool {
        matches!(self.find(name), Some((_, Some(_))))
    }

    /// Whether `-h`/`--help` was given (and not `--help=false`).
    pub fn help_requested(&self) -> bool {
        self.get_bool("help")
    }

    /// Bool value (the default when unset; `false` for unknown names or
    /// non-bool values).
    pub fn get_bool(&self, name: &str) -> bool {
        match self.find(name) {
            Some((_, Some(Value::Bool(b)))) => *b,
            Some((_, Some(Value::Str(s)))) => go_parse_bool(s).unwrap_or(false),
            Some((spec, None)) => go_parse_bool(spec.def_value()).unwrap_or(false),
            _ => false,
        }
    }

    /// The value as pflag's `Value.String()` would print it: strings
    /// verbatim, bools `true`/`false`, ints in decimal, durations in Go format
    /// (`1m0s`), lists as `[a,b]`.  Unset flags give their default; unknown
    /// names give `""`.
    pub fn get_string(&self, name: &str) -> String {
        match self.find(name) {
            Some((_, Some(v))) => value_to_string(v),
            Some((spec, None)) => {
                if spec.kind.is_list() {
                    let list = default_list(&spec);
                    list_to_string(&list)
                } else {
                    spec.def_value().to_string()
                }
            }
            None => String::new(),
        }
    }

    /// Integer value (default when unset, 0 when unknown or unparsable).
    /// Durations give nanoseconds.
    pub fn get_int(&self, name: &str) -> i64 {
        match self.find(name) {
            Some((_, Some(Value::Int(i)))) => *i,
            Some((_, Some(Value::Dur(d)))) => *d,
            Some((_, Some(Value::Str(s)))) => go_parse_int(s, 0, 64).unwrap_or(0),
            Some((spec, None)) => match spec.kind {
                FlagKind::Duration | FlagKind::GoDuration => {
                    go_parse_duration(spec.def_value()).unwrap_or(0)
                }
                FlagKind::Level => go_parse_int(spec.def_value(), 10, 32).unwrap_or(0),
                _ => go_parse_int(spec.def_value(), 0, 64).unwrap_or(0),
            },
            _ => 0,
        }
    }

    /// Duration value in nanoseconds (default when unset).
    pub fn get_duration(&self, name: &str) -> i64 {
        match self.find(name) {
            Some((_, Some(Value::Dur(d)))) => *d,
            Some((_, Some(Value::Str(s)))) => go_parse_duration(s).unwrap_or(0),
            Some((_, Some(_))) => 0,
            Some((spec, None)) => go_parse_duration(spec.def_value()).unwrap_or(0),
            None => 0,
        }
    }

    /// List value for StringArray / StringSlice flags (the default when
    /// unset).  For scalar flags: the value as a one-element list, or an empty
    /// list when it is unset with an empty default.
    pub fn get_strings(&self, name: &str) -> Vec<String> {
        match self.find(name) {
            Some((_, Some(Value::List(l)))) => l.clone(),
            Some((_, Some(v))) => vec![value_to_string(v)],
            Some((spec, None)) => {
                if spec.kind.is_list() {
                    default_list(&spec)
                } else if spec.def_value().is_empty() {
                    Vec::new()
                } else {
                    vec![spec.def_value().to_string()]
                }
            }
            None => Vec::new(),
        }
    }

    /// Positional arguments before `--` (in order).
    pub fn positionals(&self) -> &[String] {
        &self.positionals
    }

    /// Arguments after `--` (never parsed as flags).
    pub fn after_dash(&self) -> &[String] {
        &self.after_dash
    }

    /// What cobra passes to `Run`: positionals followed by the arguments
    /// after `--`.
    pub fn args(&self) -> Vec<String> {
        let mut v = self.positionals.clone();
        v.extend(self.after_dash.iter().cloned());
        v
    }

    /// cobra's `ArgsLenAtDash()`: number of positionals before `--`, or
    /// `None` (cobra: -1) when there was no `--`.
    pub fn args_len_at_dash(&self) -> Option<usize> {
        self.args_len_at_dash
    }

    /// Names of the flags given on the command line, in spec order.
    pub fn changed_flags(&self) -> Vec<&'static str> {
        self.specs
            .iter()
            .zip(self.values.iter())
            .filter(|(_, v)| v.is_some())
            .map(|(s, _)| s.name)
            .collect()
    }
}

fn normalize_name(name: &str) -> String {
    name.replace('_', "-")
}

fn value_to_string(v: &Value) -> String {
    match v {
        Value::Bool(b) => b.to_string(),
        Value::Str(s) => s.clone(),
        Value::Int(i) => i.to_string(),
        Value::List(l) => list_to_string(l),
        Value::Dur(d) => format_go_duration(*d),
    }
}

/// pflag's stringSlice/stringArray `String()`: `[a,b]` (CSV-written).
fn list_to_string(list: &[String]) -> String {
    let mut out = String::from("[");
    for (i, item) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let needs_quotes = !item.is_empty()
            && (item == "\\."
                || item.contains([',', '"', '\r', '\n'])
                || item.chars().next().map(char::is_whitespace) == Some(true));
        if needs_quotes {
            out.push('"');
            out.push_str(&item.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(item);
        }
    }
    out.push(']');
    out
}

fn default_list(spec: &FlagSpec) -> Vec<String> {
    let d = spec.def_value();
    let inner = d
        .strip_prefix('[')
        .and_then(|x| x.strip_suffix(']'))
        .unwrap_or(d);
    match spec.kind {
        FlagKind::StringSlice | FlagKind::StringArray => read_as_csv(inner).unwrap_or_default(),
        _ => Vec::new(),
    }
}

// ---------------------------------------------------------------------------
// Go strconv / time / encoding/csv reimplementations
// ---------------------------------------------------------------------------

/// Go `strconv.ParseBool`; the error is the NumError text.
pub fn go_parse_bool(s: &str) -> Result<bool, String> {
    match s {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Ok(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Ok(false),
        _ => Err(num_error("ParseBool", s, "invalid syntax")),
    }
}

fn num_error(func: &str, num: &str, err: &str) -> String {
    format!("strconv.{}: parsing {}: {}", func, go_quote(num), err)
}

/// Go `strconv.ParseInt(s, base, bit_size)` for base 0 or 10 (any base
/// 2..=36 works); the error is the NumError text (`strconv.ParseInt: parsing
/// "abc": invalid syntax`).
pub fn go_parse_int(s: &str, base: u32, bit_size: u32) -> Result<i64, String> {
    const F: &str = "ParseInt";
    if s.is_empty() {
        return Err(num_error(F, s, "invalid syntax"));
    }
    let (neg, unsigned) = if let Some(r) = s.strip_prefix('+') {
        (false, r)
    } else if let Some(r) = s.strip_prefix('-') {
        (true, r)
    } else {
        (false, s)
    };
    let bit_size = if bit_size == 0 || bit_size > 64 {
        64
    } else {
        bit_size
    };
    let un = match go_parse_uint(unsigned, base, bit_size) {
        Ok(v) => v,
        Err(UintErr::Syntax) => return Err(num_error(F, s, "invalid syntax")),
        Err(UintErr::Range) => u64::MAX,
    };
    let cutoff: u64 = 1u64 << (bit_size - 1);
    if !neg && un >= cutoff {
        return Err(num_error(F, s, "value out of range"));
    }
    if neg && un > cutoff {
        return Err(num_error(F, s, "value out of range"));
    }
    if neg {
        // un <= cutoff <= 2^63
        Ok((un as i128).wrapping_neg() as i64)
    } else {
        Ok(un as i64)
    }
}

enum UintErr {
    Syntax,
    Range,
}

fn go_parse_uint(s: &str, base: u32, bit_size: u32) -> Result<u64, UintErr> {
    if s.is_empty() {
        return Err(UintErr::Syntax);
    }
    let b = s.as_bytes();
    let base0 = base == 0;
    let (base, digits): (u64, &[u8]) = if base0 {
        if b[0] == b'0' {
            let l1 = b.get(1).map(|c| c.to_ascii_lowercase());
            if b.len() >= 3 && l1 == Some(b'b') {
                (2, &b[2..])
            } else if b.len() >= 3 && l1 == Some(b'o') {
                (8, &b[2..])
            } else if b.len() >= 3 && l1 == Some(b'x') {
                (16, &b[2..])
            } else {
                (8, &b[1..])
            }
        } else {
            (10, b)
        }
    } else if (2..=36).contains(&base) {
        (u64::from(base), b)
    } else {
        return Err(UintErr::Syntax);
    };
    let cutoff = u64::MAX / base + 1;
    let max_val: u64 = if bit_size >= 64 {
        u64::MAX
    } else {
        (1u64 << bit_size) - 1
    };
    let mut underscores = false;
    let mut n: u64 = 0;
    for &c in digits {
        let d: u64 = if c == b'_' && base0 {
            underscores = true;
            continue;
        } else if c.is_ascii_digit() {
            u64::from(c - b'0')
        } else if c.to_ascii_lowercase().is_ascii_lowercase() {
            u64::from(c.to_ascii_lowercase() - b'a') + 10
        } else {
            return Err(UintErr::Syntax);
        };
        if d >= base {
            return Err(UintErr::Syntax);
        }
        if n >= cutoff {
            return Err(UintErr::Range);
        }
        n *= base;
        let n1 = n.wrapping_add(d);
        if n1 < n || n1 > max_val {
            return Err(UintErr::Range);
        }
        n = n1;
    }
    if underscores && !underscore_ok(s) {
        return Err(UintErr::Syntax);
    }
    Ok(n)
}

fn underscore_ok(s: &str) -> bool {
    let mut b = s.as_bytes();
    let mut saw = b'^';
    let mut i = 0usize;
    if !b.is_empty() && (b[0] == b'-' || b[0] == b'+') {
        b = &b[1..];
    }
    let mut hex = false;
    if b.len() >= 2 && b[0] == b'0' {
        let l = b[1].to_ascii_lowercase();
        if l == b'b' || l == b'o' || l == b'x' {
            i = 2;
            saw = b'0';
            hex = l == b'x';
        }
    }
    while i < b.len() {
        let c = b[i];
        let lc = c.to_ascii_lowercase();
        if c.is_ascii_digit() || (hex && (b'a'..=b'f').contains(&lc)) {
            saw = b'0';
            i += 1;
            continue;
        }
        if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
            i += 1;
            continue;
        }
        if saw == b'_' {
            return false;
        }
        saw = b'!';
        i += 1;
    }
    saw != b'_'
}

/// Go `time.ParseDuration`, in nanoseconds; the error is Go's text
/// (`time: invalid duration "abc"`, `time: missing unit in duration "5"`,
/// `time: unknown unit "x" in duration "5x"`).
pub fn go_parse_duration(orig: &str) -> Result<i64, String> {
    let invalid = || format!("time: invalid duration {}", time_quote(orig));
    let mut s = orig.as_bytes();
    let mut d: u64 = 0;
    let mut neg = false;
    if let Some(&c) = s.first() {
        if c == b'-' || c == b'+' {
            neg = c == b'-';
            s = &s[1..];
        }
    }
    if s == b"0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    const LIMIT: u64 = 1u64 << 63;
    while !s.is_empty() {
        let c0 = s[0];
        if !(c0 == b'.' || c0.is_ascii_digit()) {
            return Err(invalid());
        }
        // leadingInt
        let pl = s.len();
        let mut v: u64 = 0;
        let mut i = 0usize;
        while i < s.len() && s[i].is_ascii_digit() {
            if v > LIMIT / 10 {
                return Err(invalid());
            }
            v = v * 10 + u64::from(s[i] - b'0');
            if v > LIMIT {
                return Err(invalid());
            }
            i += 1;
        }
        s = &s[i..];
        let pre = pl != s.len();
        // fraction
        let mut post = false;
        let mut f: u64 = 0;
        let mut scale: f64 = 1.0;
        if s.first() == Some(&b'.') {
            s = &s[1..];
            let pl = s.len();
            let mut overflow = false;
            let mut j = 0usize;
            while j < s.len() && s[j].is_ascii_digit() {
                let c = s[j];
                j += 1;
                if overflow {
                    continue;
                }
                if f > (LIMIT - 1) / 10 {
                    overflow = true;
                    continue;
                }
                let y = f * 10 + u64::from(c - b'0');
                if y > LIMIT {
                    overflow = true;
                    continue;
                }
                f = y;
                scale *= 10.0;
            }
            s = &s[j..];
            post = pl != s.len();
        }
        if !pre && !post {
            return Err(invalid());
        }
        // unit
        let mut k = 0usize;
        while k < s.len() && !(s[k] == b'.' || s[k].is_ascii_digit()) {
            k += 1;
        }
        if k == 0 {
            return Err(format!(
                "time: missing unit in duration {}",
                time_quote(orig)
            ));
        }
        let u = &s[..k];
        s = &s[k..];
        let unit: u64 = match u {
            b"ns" => 1,
            b"us" => 1_000,
            b"\xc2\xb5s" => 1_000, // U+00B5 micro sign
            b"\xce\xbcs" => 1_000, // U+03BC greek mu
            b"ms" => 1_000_000,
            b"s" => 1_000_000_000,
            b"m" => 60_000_000_000,
            b"h" => 3_600_000_000_000,
            _ => {
                return Err(format!(
                    "time: unknown unit {} in duration {}",
                    time_quote(&String::from_utf8_lossy(u)),
                    time_quote(orig)
                ))
            }
        };
        if v > LIMIT / unit {
            return Err(invalid());
        }
        v *= unit;
        if f > 0 {
            v = v.wrapping_add((f as f64 * (unit as f64 / scale)) as u64);
            if v > LIMIT {
                return Err(invalid());
            }
        }
        d = d.wrapping_add(v);
        if d > LIMIT {
            return Err(invalid());
        }
    }
    if neg {
        return Ok((d as i128).wrapping_neg() as i64);
    }
    if d > LIMIT - 1 {
        return Err(invalid());
    }
    Ok(d as i64)
}

/// The `quote` helper of Go's time package: non-ASCII and control bytes are
/// written as `\xNN`.
fn time_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if (c as u32) >= 0x80 || c < ' ' {
            let mut buf = [0u8; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("\\x{:02x}", byte));
            }
        } else {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}

/// Go `time.Duration.String()` (`0s`, `1.5s`, `1m0s`, `1h2m3s`, `500ms`).
pub fn format_go_duration(ns: i64) -> String {
    let neg = ns < 0;
    let mut u: u64 = ns.unsigned_abs();
    let mut out: Vec<u8> = Vec::new(); // built reversed
    fn frac(out: &mut Vec<u8>, v: u64, prec: u32) -> u64 {
        let mut v = v;
        let mut print = false;
        for _ in 0..prec {
            let digit = v % 10;
            print = print || digit != 0;
            if print {
                out.push(b'0' + digit as u8);
            }
            v /= 10;
        }
        if print {
            out.push(b'.');
        }
        v
    }
    fn int(out: &mut Vec<u8>, v: u64) {
        let mut v = v;
        if v == 0 {
            out.push(b'0');
        } else {
            while v > 0 {
                out.push(b'0' + (v % 10) as u8);
                v /= 10;
            }
        }
    }
    if u < 1_000_000_000 {
        out.push(b's');
        let prec;
        if u == 0 {
            return "0s".to_string();
        } else if u < 1_000 {
            prec = 0;
            out.push(b'n');
        } else if u < 1_000_000 {
            prec = 3;
            // "µ" reversed bytes
            out.push(0xb5);
            out.push(0xc2);
        } else {
            prec = 6;
            out.push(b'm');
        }
        u = frac(&mut out, u, prec);
        int(&mut out, u);
    } else {
        out.push(b's');
        u = frac(&mut out, u, 9);
        int(&mut out, u % 60);
        u /= 60;
        if u > 0 {
            out.push(b'm');
            int(&mut out, u % 60);
            u /= 60;
            if u > 0 {
                out.push(b'h');
                int(&mut out, u);
            }
        }
    }
    if neg {
        out.push(b'-');
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// klog's moduleSpec.Set validation.
fn check_vmodule(value: &str) -> Result<(), String> {
    const SYNTAX: &str = "syntax error: expect comma-separated list of filename=N";
    for pat in value.split(',') {
        if pat.is_empty() {
            continue;
        }
        let parts: Vec<&str> = pat.split('=').collect();
        if parts.len() != 2 || parts[0].is_empty() || parts[1].is_empty() {
            return Err(SYNTAX.to_string());
        }
        match go_parse_int(parts[1], 10, 32) {
            Err(_) => return Err(SYNTAX.to_string()),
            Ok(v) if v < 0 => return Err("negative value for vmodule level".to_string()),
            Ok(_) => {}
        }
    }
    Ok(())
}

/// pflag's readAsCSV: the first record of `val` read by Go's encoding/csv
/// with default settings; errors are csv.ParseError texts (or `EOF`).
fn read_as_csv(val: &str) -> Result<Vec<String>, String> {
    if val.is_empty() {
        return Ok(Vec::new());
    }
    CsvReader::new(val.as_bytes()).read_record()
}

struct CsvReader<'a> {
    data: &'a [u8],
    off: usize,
    num_line: usize,
}

impl<'a> CsvReader<'a> {
    fn new(data: &'a [u8]) -> Self {
        CsvReader {
            data,
            off: 0,
            num_line: 0,
        }
    }

    /// Go csv.Reader.readLine; returns (line, eof).
    fn read_line(&mut self) -> (Vec<u8>, bool) {
        self.num_line += 1;
        if self.off >= self.data.len() {
            return (Vec::new(), true);
        }
        let rest = &self.data[self.off..];
        let (mut line, eof_after) = match rest.iter().position(|&b| b == b'\n') {
            Some(p) => (rest[..=p].to_vec(), false),
            None => (rest.to_vec(), true),
        };
        self.off += line.len();
        if eof_after && line.last() == Some(&b'\r') {
            line.pop();
        }
        let n = line.len();
        if n >= 2 && line[n - 2] == b'\r' && line[n - 1] == b'\n' {
            line[n - 2] = b'\n';
            line.pop();
        }
        (line, false)
    }

    /// Go csv.Reader.readRecord (Comma ',', no LazyQuotes, no comments).
    fn read_record(&mut self) -> Result<Vec<String>, String> {
        fn length_nl(b: &[u8]) -> usize {
            usize::from(b.last() == Some(&b'\n'))
        }
        fn perr(start: usize, line_no: usize, column: usize, msg: &str) -> String {
            if start != line_no {
                format!(
                    "record on line {}; parse error on line {}, column {}: {}",
                    start, line_no, column, msg
                )
            } else {
                format!(
                    "parse error on line {}, column {}: {}",
                    line_no, column, msg
                )
            }
        }
        const BARE: &str = "bare \" in non-quoted-field";
        const QUOTE: &str = "extraneous or missing \" in quoted-field";

        // Read a line, skipping empty lines.
        let mut cur: Vec<u8>;
        loop {
            let (l, eof) = self.read_line();
            if eof {
                return Err("EOF".to_string());
            }
            cur = l;
            if cur.len() == length_nl(&cur) {
                continue;
            }
            break;
        }
        let rec_line = self.num_line;
        let mut record: Vec<Vec<u8>> = Vec::new();
        let mut col = 1usize;
        let mut pos_line = self.num_line;
        let mut p = 0usize; // read position in `cur`
        'field: loop {
            let l = cur.get(p..).unwrap_or(&[]);
            if l.first() != Some(&b'"') {
                let i = l.iter().position(|&b| b == b',');
                let field: &[u8] = match i {
                    Some(i) => &l[..i],
                    None => &l[..l.len() - length_nl(l)],
                };
                if let Some(j) = field.iter().position(|&b| b == b'"') {
                    return Err(perr(rec_line, self.num_line, col + j, BARE));
                }
                record.push(field.to_vec());
                match i {
                    Some(i) => {
                        p += i + 1;
                        col += i + 1;
                        continue 'field;
                    }
                    None => break 'field,
                }
            }
            // Quoted field.
            let mut buf: Vec<u8> = Vec::new();
            p += 1;
            col += 1;
            loop {
                let l = cur.get(p..).unwrap_or(&[]);
                if let Some(i) = l.iter().position(|&b| b == b'"') {
                    buf.extend_from_slice(&l[..i]);
                    p += i + 1;
                    col += i + 1;
                    let l = cur.get(p..).unwrap_or(&[]);
                    let next = l.first().copied();
                    if next == Some(b'"') {
                        buf.push(b'"');
                        p += 1;
                        col += 1;
                    } else if next == Some(b',') {
                        p += 1;
                        col += 1;
                        record.push(buf);
                        continue 'field;
                    } else if length_nl(l) == l.len() {
                        record.push(buf);
                        break 'field;
                    } else {
                        return Err(perr(rec_line, self.num_line, col - 1, QUOTE));
                    }
                } else if !l.is_empty() {
                    buf.extend_from_slice(l);
                    col += l.len();
                    let (nl, _eof) = self.read_line();
                    cur = nl;
                    p = 0;
                    if !cur.is_empty() {
                        pos_line += 1;
                        col = 1;
                    }
                } else {
                    // Abrupt end of input inside a quoted field.
                    return Err(perr(rec_line, pos_line, col, QUOTE));
                }
            }
        }
        Ok(record
            .into_iter()
            .map(|f| String::from_utf8_lossy(&f).into_owned())
            .collect())
    }
}

/// Go `strconv.Quote`.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        push_escaped(&mut out, c, '"');
    }
    out.push('"');
    out
}

/// Go `strconv.QuoteRune` (what `%q` prints for a byte/rune).
pub fn go_quote_rune(c: char) -> String {
    let mut out = String::from("'");
    push_escaped(&mut out, c, '\'');
    out.push('\'');
    out
}

fn push_escaped(out: &mut String, c: char, quote: char) {
    if c == quote || c == '\\' {
        out.push('\\');
        out.push(c);
        return;
    }
    if go_is_print(c) {
        out.push(c);
        return;
    }
    match c {
        '\u{7}' => out.push_str("\\a"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{b}' => out.push_str("\\v"),
        _ => {
            let v = c as u32;
            if v < 0x20 || v == 0x7f {
                out.push_str(&format!("\\x{:02x}", v));
            } else if v < 0x10000 {
                out.push_str(&format!("\\u{:04x}", v));
            } else {
                out.push_str(&format!("\\U{:08x}", v));
            }
        }
    }
}

/// Approximation of Go's `unicode.IsPrint` (exact for ASCII/Latin-1; covers
/// the separators, format characters, private use and noncharacters).
fn go_is_print(c: char) -> bool {
    let v = c as u32;
    if v < 0x80 {
        return (0x20..0x7f).contains(&v);
    }
    let not_print = matches!(v,
        0x80..=0xa0
        | 0xad
        | 0x600..=0x605
        | 0x61c
        | 0x6dd
        | 0x70f
        | 0x890..=0x891
        | 0x8e2
        | 0x1680
        | 0x180e
        | 0x2000..=0x200f
        | 0x2028..=0x202f
        | 0x205f..=0x2064
        | 0x2066..=0x206f
        | 0x3000
        | 0xd800..=0xf8ff
        | 0xfdd0..=0xfdef
        | 0xfeff
        | 0xfff0..=0xfffb
        | 0x110bd
        | 0x110cd
        | 0x13430..=0x1343f
        | 0x1bca0..=0x1bca3
        | 0x1d173..=0x1d17a
        | 0xe0000..=0xe00ff
        | 0xe01f0..=0xe0fff
        | 0xf0000..=0x10ffff
    );
    if not_print {
        return false;
    }
    // Noncharacters U+xFFFE / U+xFFFF in every plane.
    (v & 0xfffe) != 0xfffe
}

// ---------------------------------------------------------------------------
// cobra helpers
// ---------------------------------------------------------------------------

/// cobra's `stripFlags`: the non-flag words of `args`, as cobra uses them to
/// find the subcommand (`kubectl -n foo get pods` -> `["get", "pods"]`).
/// A `--flag` / `-f` word without `=` whose flag is not known to take no
/// value (bool / NoOptDefVal) swallows the next word, unless it is the last
/// but one word (cobra quirk: then scanning stops).
pub fn strip_flags(args: &[String], specs: &[FlagSpec]) -> Vec<String> {
    let mut commands = Vec::new();
    let no_opt_long = |name: &str| {
        let norm = normalize_name(name);
        name == "help"
            || specs
                .iter()
                .any(|s| s.name == norm && s.kind.no_opt_default().is_some())
    };
    let no_opt_short = |c: &str| {
        let mut chars = c.chars();
        match (chars.next(), chars.next()) {
            (Some(ch), None) => {
                ch == 'h'
                    || specs
                        .iter()
                        .any(|s| s.short == Some(ch) && s.kind.no_opt_default().is_some())
            }
            _ => false,
        }
    };
    let mut i = 0usize;
    while i < args.len() {
        let s = args[i].as_str();
        i += 1;
        if s == "--" {
            break;
        }
        let takes_value_long = s.starts_with("--") && !s.contains('=') && !no_opt_long(&s[2..]);
        let takes_value_short =
            s.starts_with('-') && !s.contains('=') && s.len() == 2 && !no_opt_short(&s[1..]);
        if takes_value_long || takes_value_short {
            if args.len() - i <= 1 {
                break;
            }
            i += 1;
            continue;
        }
        if !s.is_empty() && !s.starts_with('-') {
            commands.push(s.to_string());
        }
    }
    commands
}

// ---------------------------------------------------------------------------
// --help rendering
// ---------------------------------------------------------------------------

/// The flag list as `kubectl <cmd> --help` prints it when stdout is not a
/// terminal (no wrapping): flags sorted by name, each as
/// `    -A, --all-namespaces=false:\n\t<usage>\n\n`.
pub fn render_flag_usages(specs: &[FlagSpec]) -> String {
    render_flag_usages_width(specs, None)
}

/// Like [`render_flag_usages`] for a terminal `terminal_width` columns wide:
/// kubectl word-wraps each usage (mitchellh go-wordwrap) to 110 columns when
/// the terminal is at least 120 wide, 90 for 100..=119, 70 for 80..=99;
/// narrower terminals and `None` ("not a terminal") get no wrapping at all.
pub fn render_flag_usages_width(specs: &[FlagSpec], terminal_width: Option<usize>) -> String {
    let mut sorted: Vec<&FlagSpec> = specs.iter().collect();
    sorted.sort_shared_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    // kubectl's term.GetWordWrapperLimit buckets the terminal width into
    // 120 / 100 / 80 columns; narrower terminals (and non-terminals) get 0,
    // which (as `0 - 10` in Go's uint) disables wrapping.
    let wrap_limit: u64 = match terminal_width {
        Some(w) if w >= 120 => 120,
        Some(w) if w >= 100 => 100,
        Some(w) if w >= 80 => 80,
        _ => 0,
    };
    let lim = wrap_limit.wrapping_sub(10);
    let mut out = String::new();
    for spec in sorted {
        let def = spec.def_value();
        let value = if spec.kind.type_name() == "string" {
            format!("'{}'", def)
        } else {
            def.to_string()
        };
        let head = match spec.short {
            Some(c) => format!("    -{}, --{}={}:", c, spec.name, value),
            None => format!("    --{}={}:", spec.name, value),
        };
        let usage_joined = spec.usage.split('\n').collect::<Vec<_>>().join(" ");
        let wrapped = format!("{}\n{}", head, wrap_string(&usage_joined, lim));
        out.push_str(&wrapped.replace('\n', "\n\t"));
        out.push_str("\n\n");
    }
    out
}

/// The `Options:` section of `kubectl <cmd> --help` (non-terminal output):
/// `"Options:\n"` followed by [`render_flag_usages`].
pub fn render_options(specs: &[FlagSpec]) -> String {
    format!("Options:\n{}", render_flag_usages(specs))
}

/// [`render_options`] for a terminal of the given width.
pub fn render_options_width(specs: &[FlagSpec], terminal_width: Option<usize>) -> String {
    format!(
        "Options:\n{}",
        render_flag_usages_width(specs, terminal_width)
    )
}

/// mitchellh/go-wordwrap v1.0.1 `WrapString` (limit in runes).
pub fn wrap_string(s: &str, lim: u64) -> String {
    const NBSP: char = '\u{a0}';
    let mut buf = String::with_capacity(s.len());
    let mut current: u64 = 0;
    let mut word_buf = String::new();
    let mut space_buf = String::new();
    let mut word_len: u64 = 0;
    let mut space_len: u64 = 0;
    for ch in s.chars() {
        if ch == '\n' {
            if word_buf.is_empty() {
                if current.wrapping_add(space_len) <= lim {
                    buf.push_str(&space_buf);
                }
            } else {
                buf.push_str(&space_buf);
                buf.push_str(&word_buf);
                word_buf.clear();
                word_len = 0;
            }
            space_buf.clear();
            space_len = 0;
            buf.push(ch);
            current = 0;
        } else if ch.is_whitespace() && ch != NBSP {
            if space_buf.is_empty() || !word_buf.is_empty() {
                current = current.wrapping_add(space_len).wrapping_add(word_len);
                buf.push_str(&space_buf);
                space_buf.clear();
                space_len = 0;
                buf.push_str(&word_buf);
                word_buf.clear();
                word_len = 0;
            }
            space_buf.push(ch);
            space_len += 1;
        } else {
            word_buf.push(ch);
            word_len += 1;
            if current.wrapping_add(space_len).wrapping_add(word_len) > lim && word_len < lim {
                buf.push('\n');
                current = 0;
                space_buf.clear();
                space_len = 0;
            }
        }
    }
    if word_buf.is_empty() {
        if current.wrapping_add(space_len) <= lim {
            buf.push_str(&space_buf);
        }
    } else {
        buf.push_str(&space_buf);
        buf.push_str(&word_buf);
    }
    buf
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL_NS_USAGE: &str = "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.";
    const OUTPUT_USAGE: &str = "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].";

    /// A subset of `kubectl get` flags (real v1.31 usage texts).
    const GET: &[FlagSpec] = &[
        FlagSpec::new("all-namespaces", Some('A'), FlagKind::Bool, "false", ALL_NS_USAGE),
        FlagSpec::new("chunk-size", None, FlagKind::Int, "500", "Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future."),
        FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "[]", "Filename, directory, or URL to files identifying the resource to get from a server."),
        FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
        FlagSpec::new("label-columns", Some('L'), FlagKind::StringSlice, "[]", "Accepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2..."),
        FlagSpec::new("output", Some('o'), FlagKind::String, "", OUTPUT_USAGE),
        FlagSpec::new("raw", None, FlagKind::String, "", "Raw URI to request from the server.  Uses the transport specified by the kubeconfig file."),
        FlagSpec::new("watch", Some('w'), FlagKind::Bool, "false", "After listing/getting the requested object, watch for changes."),
        FlagSpec::new("namespace", Some('n'), FlagKind::String, "", "If present, the namespace scope for this CLI request"),
        FlagSpec::new("v", Some('v'), FlagKind::Level, "0", "number for the log level verbosity"),
        FlagSpec::new("as-group", None, FlagKind::StringArray, "[]", "Group to impersonate for the operation, this flag can be repeated to specify multiple groups."),
        FlagSpec::new("timeout", None, FlagKind::Duration, "0s", "timeout"),
        FlagSpec::new("cascade", None, FlagKind::StringOptional("background"), "background", "cascade"),
        FlagSpec::new("replicas", Some('r'), FlagKind::Int32, "1", "replicas"),
        FlagSpec::new("image", None, FlagKind::String, "", "image"),
    ];

    fn args(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn err(v: &[&str]) -> String {
        match parse(&args(v), GET) {
            Err(e) => e.to_string(),
            Ok(p) => format!("OK {:?}", p.positionals()),
        }
    }

    fn ok(v: &[&str]) -> Parsed {
        match parse(&args(v), GET) {
            Ok(p) => p,
            Err(e) => Parsed {
                specs: Vec::new(),
                values: Vec::new(),
                positionals: vec![format!("UNEXPECTED ERROR: {}", e)],
                after_dash: Vec::new(),
                args_len_at_dash: None,
            },
        }
    }

    #[test]
    fn error_messages_match_kubectl() {
        assert_eq!(err(&["pods", "--foo"]), "unknown flag: --foo");
        assert_eq!(err(&["-z"]), "unknown shorthand flag: 'z' in -z");
        assert_eq!(err(&["pods", "-n"]), "flag needs an argument: 'n' in -n");
        assert_eq!(err(&["--image"]), "flag needs an argument: --image");
        assert_eq!(
            err(&["--chunk_size"]),
            "flag needs an argument: --chunk_size"
        );
        assert_eq!(err(&["pods", "-Ak"]), "flag needs an argument: 'k' in -k");
        assert_eq!(
            err(&["pods", "-Amaybe"]),
            "unknown shorthand flag: 'm' in -maybe"
        );
        assert_eq!(err(&["pods", "---x"]), "bad flag syntax: ---x");
        assert_eq!(err(&["--=x"]), "bad flag syntax: --=x");
        assert_eq!(err(&["-=x"]), "unknown shorthand flag: '=' in -=x");
        assert_eq!(err(&["-é"]), "unknown shorthand flag: 'Ã' in -é");
        assert_eq!(err(&["--é"]), "unknown flag: --é");
        assert_eq!(err(&["--foo_bar"]), "unknown flag: --foo_bar");
        assert_eq!(
            err(&["pods", "--all-namespaces=maybe"]),
            "invalid argument \"maybe\" for \"-A, --all-namespaces\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax"
        );
        assert_eq!(
            err(&["--all_namespaces="]),
            "invalid argument \"\" for \"-A, --all-namespaces\" flag: strconv.ParseBool: parsing \"\": invalid syntax"
        );
        assert_eq!(
            err(&["-A=maybe"]),
            "invalid argument \"maybe\" for \"-A, --all-namespaces\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax"
        );
        assert_eq!(
            err(&["--help=maybe"]),
            "invalid argument \"maybe\" for \"-h, --help\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax"
        );
        assert_eq!(
            err(&["--chunk-size=abc"]),
            "invalid argument \"abc\" for \"--chunk-size\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax"
        );
        assert_eq!(
            err(&["--chunk-size=99999999999999999999"]),
            "invalid argument \"99999999999999999999\" for \"--chunk-size\" flag: strconv.ParseInt: parsing \"99999999999999999999\": value out of range"
        );
        assert_eq!(
            err(&["-r", "3000000000"]),
            "invalid argument \"3000000000\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"3000000000\": value out of range"
        );
        assert_eq!(
            err(&["-v=0x5"]),
            "invalid argument \"0x5\" for \"-v, --v\" flag: strconv.ParseInt: parsing \"0x5\": invalid syntax"
        );
        assert_eq!(
            err(&["--timeout=abc"]),
            "invalid argument \"abc\" for \"--timeout\" flag: time: invalid duration \"abc\""
        );
        assert_eq!(
            err(&["--timeout=5"]),
            "invalid argument \"5\" for \"--timeout\" flag: time: missing unit in duration \"5\""
        );
        assert_eq!(
            err(&["--timeout=5x"]),
            "invalid argument \"5x\" for \"--timeout\" flag: time: unknown unit \"x\" in duration \"5x\""
        );
        assert_eq!(
            err(&["--timeout=é"]),
            "invalid argument \"é\" for \"--timeout\" flag: time: invalid duration \"\\xc3\\xa9\""
        );
        assert_eq!(
            err(&["-L", "a\"b"]),
            "invalid argument \"a\\\"b\" for \"-L, --label-columns\" flag: parse error on line 1, column 2: bare \" in non-quoted-field"
        );
        assert_eq!(
            err(&["-L", "\"abc"]),
            "invalid argument \"\\\"abc\" for \"-L, --label-columns\" flag: parse error on line 1, column 5: extraneous or missing \" in quoted-field"
        );
        assert_eq!(
            err(&["-L", "x,\"a\"b"]),
            "invalid argument \"x,\\\"a\\\"b\" for \"-L, --label-columns\" flag: parse error on line 1, column 5: extraneous or missing \" in quoted-field"
        );
        assert_eq!(
            err(&["-L", "\"x\ny\"z"]),
            "invalid argument \"\\\"x\\ny\\\"z\" for \"-L, --label-columns\" flag: record on line 1; parse error on line 2, column 2: extraneous or missing \" in quoted-field"
        );
        assert_eq!(
            err(&["-L", "\n"]),
            "invalid argument \"\\n\" for \"-L, --label-columns\" flag: EOF"
        );
        assert_eq!(
            err(&["--chunk-size=\u{1}\u{a0}é\"\\\t\u{7f}\u{85}\u{200b}😀\u{fffd}\u{e000}"]),
            "invalid argument \"\\x01\\u00a0é\\\"\\\\\\t\\x7f\\u0085\\u200b😀\u{fffd}\\ue000\" for \"--chunk-size\" flag: strconv.ParseInt: parsing \"\\x01\\u00a0é\\\"\\\\\\t\\x7f\\u0085\\u200b😀\u{fffd}\\ue000\": invalid syntax"
        );
    }

    #[test]
    fn usage_error_framing() {
        let e = FlagError::UnknownFlag {
            name: "foo".to_string(),
        };
        assert_eq!(
            usage_error_lines(&e, "kubectl get"),
            "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n"
        );
        let e = FlagError::NeedsArgumentShorthand {
            byte: b'n',
            rest: "n".to_string(),
        };
        assert_eq!(
            usage_error_lines(&e, "kubectl create deployment"),
            "error: flag needs an argument: 'n' in -n\nSee 'kubectl create deployment --help' for usage.\n"
        );
    }

    #[test]
    fn parses_interspersed_and_shorthand_forms() {
        let p = ok(&[
            "pods",
            "-nkube-system",
            "x",
            "-Aw",
            "-o=json",
            "--chunk-size",
            "7",
        ]);
        assert_eq!(p.positionals(), &["pods".to_string(), "x".to_string()]);
        assert_eq!(p.get_string("namespace"), "kube-system");
        assert!(p.get_bool("all-namespaces"));
        assert!(p.get_bool("watch"));
        assert_eq!(p.get_string("output"), "json");
        assert_eq!(p.get_int("chunk-size"), 7);
        assert!(p.changed("chunk-size"));
        assert!(!p.changed("raw"));
        assert!(!p.help_requested());

        // `-n=` gives the value "=" (pflag needs len > 2 for the `-n=v` form).
        assert_eq!(ok(&["-n="]).get_string("namespace"), "=");
        assert_eq!(ok(&["-n=a"]).get_string("namespace"), "a");
        assert_eq!(ok(&["-n", "-A"]).get_string("namespace"), "-A");
        assert_eq!(ok(&["--namespace="]).get_string("namespace"), "");
        assert_eq!(ok(&["--namespace", "--x"]).get_string("namespace"), "--x");
        // A lone "-" is a positional.
        assert_eq!(
            ok(&["-", "a"]).positionals(),
            &["-".to_string(), "a".to_string()]
        );
    }

    #[test]
    fn bools_never_take_a_separate_word() {
        let p = ok(&["--all-namespaces", "false"]);
        assert!(p.get_bool("all-namespaces"));
        assert_eq!(p.positionals(), &["false".to_string()]);
        for (v, want) in [
            ("1", true),
            ("t", true),
            ("T", true),
            ("TRUE", true),
            ("True", true),
            ("0", false),
            ("f", false),
            ("FALSE", false),
            ("False", false),
        ] {
            assert_eq!(
                ok(&[&format!("--all-namespaces={}", v)]).get_bool("all-namespaces"),
                want
            );
        }
        assert!(ok(&["--all_namespaces"]).get_bool("all-namespaces"));
        let p = ok(&["--watch=false"]);
        assert!(!p.get_bool("watch"));
        assert!(p.changed("watch"));
    }

    #[test]
    fn help_flag() {
        assert!(ok(&["-h"]).help_requested());
        assert!(ok(&["pods", "--help"]).help_requested());
        assert!(ok(&["-Ah"]).help_requested());
        assert!(!ok(&["--help=false"]).help_requested());
        // Parse errors win over --help.
        assert_eq!(err(&["--help", "--foo"]), "unknown flag: --foo");
        assert_eq!(err(&["-hz"]), "unknown shorthand flag: 'z' in -z");
    }

    #[test]
    fn double_dash() {
        let p = ok(&["x", "--", "ls", "-la", "--foo"]);
        assert_eq!(p.positionals(), &["x".to_string()]);
        assert_eq!(p.after_dash(), &args(&["ls", "-la", "--foo"])[..]);
        assert_eq!(p.args_len_at_dash(), Some(1));
        assert_eq!(p.args(), args(&["x", "ls", "-la", "--foo"]));
        let p = ok(&["x"]);
        assert_eq!(p.args_len_at_dash(), None);
        let p = ok(&["--"]);
        assert_eq!(p.args_len_at_dash(), Some(0));
        assert!(p.after_dash().is_empty());
    }

    #[test]
    fn lists() {
        let p = ok(&["-L", "a,b", "--label-columns=\"c,d\"", "-Le"]);
        assert_eq!(
            p.get_strings("label-columns"),
            args(&["a", "b", "c,d", "e"])
        );
        assert_eq!(p.get_string("label-columns"), "[a,b,\"c,d\",e]");
        assert_eq!(ok(&[]).get_strings("label-columns"), Vec::<String>::new());
        assert_eq!(ok(&[]).get_string("label-columns"), "[]");
        assert_eq!(
            ok(&["-L", ""]).get_strings("label-columns"),
            Vec::<String>::new()
        );
        assert_eq!(
            ok(&["-L", "\n\na,b\nc"]).get_strings("label-columns"),
            args(&["a", "b"])
        );
        let p = ok(&["--as-group", "a,b", "--as-group=c"]);
        assert_eq!(p.get_strings("as-group"), args(&["a,b", "c"]));
        assert_eq!(ok(&[]).get_strings("namespace"), Vec::<String>::new());
        assert_eq!(ok(&["-nx"]).get_strings("namespace"), args(&["x"]));
    }

    #[test]
    fn optional_value_strings() {
        let p = ok(&["--cascade", "orphan"]);
        assert_eq!(p.get_string("cascade"), "background");
        assert_eq!(p.positionals(), &["orphan".to_string()]);
        assert_eq!(ok(&["--cascade=orphan"]).get_string("cascade"), "orphan");
        assert_eq!(ok(&[]).get_string("cascade"), "background");
        assert!(!ok(&[]).changed("cascade"));
    }

    #[test]
    fn typed_defaults() {
        let p = ok(&[]);
        assert_eq!(p.get_int("chunk-size"), 500);
        assert_eq!(p.get_int("replicas"), 1);
        assert_eq!(p.get_string("chunk-size"), "500");
        assert!(!p.get_bool("watch"));
        assert_eq!(p.get_string("output"), "");
        assert_eq!(p.get_duration("timeout"), 0);
        assert_eq!(p.get_string("nope"), "");
        let p = ok(&["--timeout=1.5m", "-r", "0x10", "-v", "3"]);
        assert_eq!(p.get_duration("timeout"), 90_000_000_000);
        assert_eq!(p.get_string("timeout"), "1m30s");
        assert_eq!(p.get_int("replicas"), 16);
        assert_eq!(p.get_int("v"), 3);
    }

    #[test]
    fn go_int_parsing() {
        assert_eq!(go_parse_int("0x1f", 0, 64), Ok(31));
        assert_eq!(go_parse_int("017", 0, 64), Ok(15));
        assert_eq!(go_parse_int("0o17", 0, 64), Ok(15));
        assert_eq!(go_parse_int("0b101", 0, 64), Ok(5));
        assert_eq!(go_parse_int("1_000", 0, 64), Ok(1000));
        assert_eq!(go_parse_int("+5", 0, 64), Ok(5));
        assert_eq!(go_parse_int("-0", 0, 64), Ok(0));
        assert_eq!(go_parse_int("-9223372036854775808", 0, 64), Ok(i64::MIN));
        assert_eq!(
            go_parse_int("9223372036854775808", 0, 64),
            Err(
                "strconv.ParseInt: parsing \"9223372036854775808\": value out of range".to_string()
            )
        );
        assert_eq!(
            go_parse_int("_1", 0, 64),
            Err("strconv.ParseInt: parsing \"_1\": invalid syntax".to_string())
        );
        assert_eq!(
            go_parse_int("0b12", 0, 64),
            Err("strconv.ParseInt: parsing \"0b12\": invalid syntax".to_string())
        );
        assert_eq!(
            go_parse_int("", 0, 64),
            Err("strconv.ParseInt: parsing \"\": invalid syntax".to_string())
        );
        assert_eq!(go_parse_int("-2147483648", 0, 32), Ok(-2147483648));
        assert!(go_parse_int("2147483648", 0, 32).is_err());
        assert!(go_parse_int("0x5", 10, 32).is_err());
    }

    #[test]
    fn go_durations() {
        assert_eq!(go_parse_duration("0"), Ok(0));
        assert_eq!(go_parse_duration("-0"), Ok(0));
        assert_eq!(go_parse_duration("1h2m3s"), Ok(3_723_000_000_000));
        assert_eq!(go_parse_duration("1.5s"), Ok(1_500_000_000));
        assert_eq!(go_parse_duration(".5s"), Ok(500_000_000));
        assert_eq!(go_parse_duration("-5m"), Ok(-300_000_000_000));
        assert_eq!(go_parse_duration("1µs"), Ok(1_000));
        assert_eq!(go_parse_duration("9223372036854775807ns"), Ok(i64::MAX));
        assert_eq!(go_parse_duration("-9223372036854775808ns"), Ok(i64::MIN));
        assert_eq!(
            go_parse_duration("9223372036854775808ns"),
            Err("time: invalid duration \"9223372036854775808ns\"".to_string())
        );
        assert_eq!(
            go_parse_duration("1.5.s"),
            Err("time: missing unit in duration \"1.5.s\"".to_string())
        );
        assert_eq!(
            go_parse_duration(".s"),
            Err("time: invalid duration \".s\"".to_string())
        );
        assert_eq!(format_go_duration(0), "0s");
        assert_eq!(format_go_duration(30_000_000_000), "30s");
        assert_eq!(format_go_duration(60_000_000_000), "1m0s");
        assert_eq!(format_go_duration(3_723_500_000_000), "1h2m3.5s");
        assert_eq!(format_go_duration(1_500_000), "1.5ms");
        assert_eq!(format_go_duration(1_000), "1µs");
        assert_eq!(format_go_duration(-5), "-5ns");
        assert_eq!(format_go_duration(i64::MIN), "-2562047h47m16.854775808s");
    }

    #[test]
    fn quoting() {
        assert_eq!(go_quote("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
        assert_eq!(go_quote("\u{a0}\u{ad}é😀"), "\"\\u00a0\\u00adé😀\"");
        assert_eq!(go_quote_rune('\''), "'\\''");
        assert_eq!(go_quote_rune('"'), "'\"'");
        assert_eq!(go_quote_rune('\u{1}'), "'\\x01'");
        assert_eq!(go_quote_rune('\u{c3}'), "'Ã'");
        assert_eq!(go_quote_rune('\u{85}'), "'\\u0085'");
    }

    #[test]
    fn render_unwrapped() {
        let specs = [
            FlagSpec::new("watch", Some('w'), FlagKind::Bool, "false", "After listing/getting the requested object, watch for changes."),
            FlagSpec::new("all-namespaces", Some('A'), FlagKind::Bool, "false", ALL_NS_USAGE),
            FlagSpec::new("chunk-size", None, FlagKind::Int, "500", "Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future."),
            FlagSpec::new("filename", Some('f'), FlagKind::StringSlice, "", "Filename, directory, or URL to files identifying the resource to get from a server."),
            FlagSpec::new("kustomize", Some('k'), FlagKind::String, "", "Process the kustomization directory. This flag can't be used together with -f or -R."),
            FlagSpec::new("timeout", None, FlagKind::Duration, "0s", "The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object"),
            FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false).\n\t\t\"true\" or \"strict\" will use a schema."),
        ];
        let want = concat!(
            "Options:\n",
            "    -A, --all-namespaces=false:\n",
            "\tIf present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.\n",
            "\n",
            "    --chunk-size=500:\n",
            "\tReturn large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.\n",
            "\n",
            "    -f, --filename=[]:\n",
            "\tFilename, directory, or URL to files identifying the resource to get from a server.\n",
            "\n",
            "    -k, --kustomize='':\n",
            "\tProcess the kustomization directory. This flag can't be used together with -f or -R.\n",
            "\n",
            "    --timeout=0s:\n",
            "\tThe length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object\n",
            "\n",
            "    --validate='strict':\n",
            "\tMust be one of: strict (or true), warn, ignore (or false). \t\t\"true\" or \"strict\" will use a schema.\n",
            "\n",
            "    -w, --watch=false:\n",
            "\tAfter listing/getting the requested object, watch for changes.\n",
            "\n",
        );
        assert_eq!(render_options(&specs), want);
        // Terminals narrower than 80 columns are not wrapped either.
        assert_eq!(render_options_width(&specs, Some(79)), want);
    }

    #[test]
    fn render_wrapped_like_an_80_column_terminal() {
        let specs = [
            FlagSpec::new(
                "all-namespaces",
                Some('A'),
                FlagKind::Bool,
                "false",
                ALL_NS_USAGE,
            ),
            FlagSpec::new("output", Some('o'), FlagKind::String, "", OUTPUT_USAGE),
        ];
        let want = concat!(
            "    -A, --all-namespaces=false:\n",
            "\tIf present, list the requested object(s) across all namespaces.\n",
            "\tNamespace in current context is ignored even if specified with\n",
            "\t--namespace.\n",
            "\n",
            "    -o, --output='':\n",
            "\tOutput format. One of: (json, yaml, name, go-template,\n",
            "\tgo-template-file, template, templatefile, jsonpath, jsonpath-as-json,\n",
            "\tjsonpath-file, custom-columns, custom-columns-file, wide). See custom\n",
            "\tcolumns\n",
            "\t[https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang\n",
            "\ttemplate [http://golang.org/pkg/text/template/#pkg-overview] and\n",
            "\tjsonpath template\n",
            "\t[https://kubernetes.io/docs/reference/kubectl/jsonpath/].\n",
            "\n",
        );
        assert_eq!(render_flag_usages_width(&specs, Some(80)), want);
        assert_eq!(render_flag_usages_width(&specs, Some(99)), want);
        let wide = concat!(
            "    -A, --all-namespaces=false:\n",
            "\tIf present, list the requested object(s) across all namespaces. Namespace in current context is ignored even\n",
            "\tif specified with --namespace.\n",
            "\n",
        );
        assert_eq!(render_flag_usages_width(&specs[..1], Some(120)), wide);
        assert_eq!(render_flag_usages_width(&specs[..1], Some(300)), wide);
    }

    #[test]
    fn global_flags_render_like_kubectl_options() {
        let out = render_flag_usages(GLOBAL_FLAGS);
        assert!(out.starts_with("    --as='':\n\tUsername to impersonate for the operation. User could be a regular user or a service account in a namespace.\n\n    --as-group=[]:\n"));
        assert!(out.contains(
            "\n    --log-flush-frequency=5s:\n\tMaximum number of seconds between log flushes\n\n"
        ));
        assert!(out.contains(
            "\n    -n, --namespace='':\n\tIf present, the namespace scope for this CLI request\n\n"
        ));
        assert!(out.contains(
            "\n    -v, --v=0:\n\tnumber for the log level verbosity\n\n    --vmodule=:\n"
        ));
        assert!(out.ends_with("    --warnings-as-errors=false:\n\tTreat warnings received from the server as errors and exit with a non-zero exit code\n\n"));
        let e = parse(&args(&["--vmodule=abc"]), GLOBAL_FLAGS)
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some("invalid argument \"abc\" for \"--vmodule\" flag: syntax error: expect comma-separated list of filename=N")
        );
        let e = parse(&args(&["--log-flush-frequency=x"]), GLOBAL_FLAGS)
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            e.as_deref(),
            Some("invalid argument \"x\" for \"--log-flush-frequency\" flag: parse error")
        );
    }

    #[test]
    fn cobra_strip_flags() {
        let s = |v: &[&str]| strip_flags(&args(v), GLOBAL_FLAGS);
        assert_eq!(s(&["get", "pods"]), args(&["get", "pods"]));
        assert_eq!(s(&["-n", "foo", "get", "pods"]), args(&["get", "pods"]));
        assert_eq!(s(&["--foo", "get", "pods"]), args(&["pods"]));
        assert_eq!(s(&["--foo", "gte"]), Vec::<String>::new());
        assert_eq!(s(&["--warnings-as-errors", "get"]), args(&["get"]));
        assert_eq!(s(&["--namespace=x", "gte"]), args(&["gte"]));
        assert_eq!(s(&["--", "gte"]), Vec::<String>::new());
        assert_eq!(s(&["-nx", "gte"]), args(&["gte"]));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for a in [
            "-",
            "--",
            "---",
            "-=",
            "--=",
            "-\u{0}",
            "-é=",
            "-Aé",
            "-n\u{ffff}",
            "--=é",
            "--a=b=c",
            "-L",
            "-L=",
            "-L\"",
        ] {
            let _ = parse(&args(&[a]), GET);
            let _ = parse(&args(&[a, a]), GET);
        }
        let _ = go_parse_duration("\u{b5}");
        let _ = go_parse_duration("1\u{b5}");
        let _ = go_parse_int("-", 0, 64);
        let _ = go_parse_int("0x", 0, 64);
        let _ = read_as_csv("\"");
        let _ = read_as_csv("\"\r");
        let _ = wrap_string("a  b\n c", 0);
        let _ = render_flag_usages_width(GET, Some(0));
    }
}
