//! `kubectl create configmap` and `create secret generic|docker-registry|tls`.

use crate::sorting::CollectInserted;
use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::builder::{report, KErr};
use super::create::{begin, finish, generated_meta};
use super::flags::{FlagKind, FlagSpec, Parsed};
use super::{Command, Ctx};
use crate::shell::Io;
use crate::sim::resources::rt;

pub static CONFIGMAP: Command = Command {
    name: "configmap",
    about: "Create a config map based on a file, directory, or specified literal value.\n\n A single config map may package one or more key/value pairs. A file gives a key named after\n the file (or the key before `=`); a directory gives one key per regular file in it.",
    examples: "  # Two literal values\n  kubectl create configmap app-config --from-literal=mode=prod --from-literal=level=3\n  \n  # Every file in a directory\n  kubectl create configmap site --from-file=/root/site\n  \n  # A file under another key\n  kubectl create configmap cfg --from-file=app.conf=/root/settings.ini\n  \n  # KEY=VALUE lines of an env file\n  kubectl create configmap env --from-env-file=/root/app.env",
    usage: "kubectl create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]",
    flags: CONFIGMAP_FLAGS,
    run: run_configmap,
};

/// `create secret` itself only groups the three types.
pub static SECRET: Command = Command {
    name: "secret",
    about: "Create a secret with specified type.",
    examples: "",
    usage: "kubectl create secret (docker-registry | generic | tls) [options]",
    flags: &[],
    run: |_, _, _| 1,
};

pub static SECRET_GENERIC: Command = Command {
    name: "generic",
    about: "Create a secret based on a file, directory, or specified literal value.\n\n A single secret may package one or more key/value pairs; values are stored base64-encoded.",
    examples: "  # A password from a literal\n  kubectl create secret generic db-secret --from-literal=password=s3cr3t\n  \n  # Keys from files\n  kubectl create secret generic ssh-key --from-file=id_rsa=/root/.ssh/id_rsa",
    usage: "kubectl create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]",
    flags: SECRET_GENERIC_FLAGS,
    run: run_generic,
};

pub static SECRET_DOCKER: Command = Command {
    name: "docker-registry",
    about: "Create a new secret for use with Docker registries.\n\n Pods pull private images with it when it is listed in imagePullSecrets.",
    examples: "  # Credentials for a private registry\n  kubectl create secret docker-registry regcred --docker-server=registry.example.com --docker-username=me --docker-password=pw --docker-email=me@example.com",
    usage: "kubectl create secret docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none] [options]",
    flags: SECRET_DOCKER_FLAGS,
    run: run_docker,
};

pub static SECRET_TLS: Command = Command {
    name: "tls",
    about: "Create a TLS secret from the given public/private key pair.\n\n The public/private key pair must exist beforehand. The public key certificate must be .PEM encoded and match the given private key.",
    examples: "  # From a certificate and its key\n  kubectl create secret tls web-tls --cert=/root/tls.crt --key=/root/tls.key",
    usage: "kubectl create secret tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none] [options]",
    flags: SECRET_TLS_FLAGS,
    run: run_tls,
};

pub const CONFIG_KEY_MSG: &str = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

/// IsConfigMapKey.
fn config_key_errors(key: &str) -> Vec<String> {
    let mut errs = vec![];
    if key.len() > 253 {
        errs.push("must be no more than 253 characters".to_string());
    }
    if key.is_empty()
        || !key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b))
    {
        errs.push(CONFIG_KEY_MSG.to_string());
    }
    if key == "." {
        errs.push("must not be '.'".into());
    } else if key == ".." {
        errs.push("must not be '..'".into());
    } else if key.starts_with("..") {
        errs.push("must not start with '..'".into());
    }
    errs
}

/// Standard base64 (as Go's encoding/base64.StdEncoding).
pub fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(T[(n >> 18) as usize & 63] as char);
        out.push(T[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            T[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            T[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

/// ParseLiteralSource.
fn literal(source: &str) -> Result<(String, String), String> {
    match source.split_once('=') {
        Some((k, v)) if !k.is_empty() || !source.starts_with('=') => {
            Ok((k.to_string(), v.trim_matches(['"', '\'']).to_string()))
        }
        _ => Err(format!(
            "invalid literal source {source}, expected key=value"
        )),
    }
}

/// ParseFileSource.
fn file_source(source: &str) -> Result<(String, String), String> {
    let n = source.matches('=').count();
    if n == 0 {
        let base = source
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or(source);
        return Ok((base.to_string(), source.to_string()));
    }
    if n > 1 {
        return Err("key names or file paths cannot contain '='".into());
    }
    if let Some(p) = source.strip_prefix('=') {
        return Err(format!("key name for file path {p} missing"));
    }
    if let Some(k) = source.strip_suffix('=') {
        return Err(format!("file path for key name {k} missing"));
    }
    let (k, p) = source.split_once('=').unwrap_or((source, ""));
    Ok((k.to_string(), p.to_string()))
}

/// The key/value pairs of `--from-file`, `--from-literal` and `--from-env-file`, in the order
/// kubectl adds them (files, then literals, then env files); `add` rejects bad or repeated keys.
fn collect(
    ctx: &Ctx,
    p: &Parsed,
    add: &mut dyn FnMut(String, String) -> Result<(), String>,
) -> Result<(), String> {
    let files = p.get_strings("from-file");
    let literals = p.get_strings("from-literal");
    let envs = p.get_strings("from-env-file");
    if !envs.is_empty() && (!files.is_empty() || !literals.is_empty()) {
        return Err("from-env-file cannot be combined with from-file or from-literal".into());
    }
    for source in &files {
        let (key, path) = file_source(source)?;
        let abs = crate::vfs::normalize(&ctx.cwd, &path);
        if !ctx.fs.exists(&abs) {
            return Err(format!("error reading {path}: no such file or directory"));
        }
        if ctx.fs.is_dir(&abs) {
            if source.contains('=') {
                return Err("cannot give a key name for a directory path".into());
            }
            let entries = ctx
                .fs
                .list(&abs)
                .map_err(|e| format!("error listing files in {path}: {e}"))?;
            for e in entries.into_iter().filter(|e| !e.is_dir) {
                let content = ctx
                    .fs
                    .read(&format!("{}/{}", abs.trim_end_matches('/'), e.name))
                    .unwrap_or_default();
                add(e.name, content)?;
            }
        } else {
            let content = ctx
                .fs
                .read(&abs)
                .map_err(|e| format!("error reading {path}: {}", e.to_string().to_lowercase()))?;
            add(key, content)?;
        }
    }
    for l in &literals {
        let (k, v) = literal(l)?;
        add(k, v)?;
    }
    for env in &envs {
        let abs = crate::vfs::normalize(&ctx.cwd, env);
        if !ctx.fs.is_file(&abs) {
            return Err(format!("error reading {env}: no such file or directory"));
        }
        let text = ctx.fs.read(&abs).unwrap_or_default();
        for (i, line) in text.lines().enumerate().take(100_000) {
            let line = if i == 0 {
                line.trim_start_matches('\u{feff}')
            } else {
                line
            };
            let line = line.trim_start();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (k, v) = match line.split_once('=') {
                Some((k, v)) => (k, v),
                None => (line, ""),
            };
            let errs = env_name_errors(k);
            if !errs.is_empty() {
                return Err(format!("{k:?} is not a valid key name: {}", errs.join(";")));
            }
            add(k.to_string(), v.to_string())?;
        }
    }
    Ok(())
}

/// IsEnvVarName.
pub fn env_name_errors(name: &str) -> Vec<String> {
    let mut errs = vec![];
    let ok = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b))
        && !name.as_bytes()[0].is_ascii_digit();
    if !ok {
        errs.push("a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')".to_string());
    }
    if name == "." {
        errs.push("must not be '.'".into());
    } else if name == ".." {
        errs.push("must not be '..'".into());
    } else if name.starts_with("..") {
        errs.push("must not start with '..'".into());
    }
    errs
}

/// `--append-hash` (kubectl `pkg/util/hash`): the name gets `-` and the first ten hex digits
/// of the SHA-256 of the object's JSON (`kind`, `name`, `data`, and `type` for secrets, keys
/// sorted), with `0`, `1`, `3`, `a` and `e` swapped for letters so the suffix is no word.
pub(crate) fn hashed_name(name: &str, obj: &Value) -> String {
    let mut m = json!({
        "kind": obj["kind"],
        "name": name,
        "data": obj.get("data").cloned().unwrap_or(json!({})),
    });
    if obj["kind"] == "Secret" {
        m["type"] = obj.get("type").cloned().unwrap_or(json!(""));
    }
    let encoded = super::gojson::sorted_compact(&m);
    let digest = sha256(encoded.as_bytes());
    let suffix: String = digest[..5]
        .iter()
        .flat_map(|b| [b >> 4, b & 0xf])
        .map(|n| match n {
            0 => 'g',
            1 => 'h',
            3 => 'k',
            10 => 'm',
            14 => 't',
            n => char::from_digit(u32::from(n), 16).unwrap_or('0'),
        })
        .collect();
    format!("{name}-{suffix}")
}

/// SHA-256 (FIPS 180-4).
fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut msg = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_be_bytes());
    for chunk in msg.chunks(64) {
        let mut w = [0u32; 64];
        for (i, word) in chunk.chunks(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (i, x) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

fn run_configmap(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let (name, dry, out) = match begin(ctx, p, io, "kubectl create configmap") {
        Ok(x) => x,
        Err(s) => return s,
    };
    let mut data: BTreeMap<String, String> = BTreeMap::new();
    let cm_name = name.clone();
    let r = collect(ctx, p, &mut |k, v| {
        let errs = config_key_errors(&k);
        if !errs.is_empty() {
            return Err(format!(
                "{k:?} is not a valid key name for a ConfigMap: {}",
                errs.join(",")
            ));
        }
        if data.contains_key(&k) {
            return Err(format!("cannot add key {k:?}, another key by that name already exists in Data for ConfigMap {cm_name:?}"));
        }
        data.insert(k, v);
        Ok(())
    });
    if let Err(e) = r {
        return report(io, &[KErr::Msg(e)]);
    }
    let mut obj = json!({
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": generated_meta(ctx, p, &name, true),
    });
    if !data.is_empty() {
        obj["data"] = json!(data);
    }
    if p.get_bool("append-hash") {
        let n = hashed_name(&name, &obj);
        obj["metadata"]["name"] = json!(n);
    }
    finish(
        ctx,
        p,
        io,
        rt("configmaps"),
        obj,
        dry,
        out,
        Some("failed to create configmap: "),
    )
}

fn secret_object(
    ctx: &Ctx,
    p: &Parsed,
    name: &str,
    data: BTreeMap<String, String>,
    secret_type: &str,
) -> Value {
    let mut obj = json!({
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": generated_meta(ctx, p, name, true),
    });
    if !data.is_empty() {
        let m: Map<String, Value> = data
            .into_iter()
            .map(|(k, v)| (k, json!(v)))
            .collect_inserted();
        obj["data"] = Value::Object(m);
    }
    if !secret_type.is_empty() {
        obj["type"] = json!(secret_type);
    }
    if p.get_bool("append-hash") {
        let n = hashed_name(name, &obj);
        obj["metadata"]["name"] = json!(n);
    }
    obj
}

fn secret_adder(
    data: &mut BTreeMap<String, String>,
) -> impl FnMut(String, String) -> Result<(), String> + '_ {
    move |k, v| {
        let errs = config_key_errors(&k);
        if !errs.is_empty() {
            return Err(format!(
                "{k:?} is not valid key name for a Secret {}",
                errs.join(";")
            ));
        }
        if data.contains_key(&k) {
            return Err(format!(
                "cannot add key {k}, another key by that name already exists"
            ));
        }
        data.insert(k, base64(v.as_bytes()));
        Ok(())
    }
}

fn run_generic(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let (name, dry, out) = match begin(ctx, p, io, "kubectl create secret generic") {
        Ok(x) => x,
        Err(s) => return s,
    };
    let mut data = BTreeMap::new();
    let r = collect(ctx, p, &mut secret_adder(&mut data));
    if let Err(e) = r {
        return report(io, &[KErr::Msg(e)]);
    }
    let obj = secret_object(ctx, p, &name, data, &p.get_string("type"));
    finish(
        ctx,
        p,
        io,
        rt("secrets"),
        obj,
        dry,
        out,
        Some("failed to create secret "),
    )
}

fn run_docker(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let (name, dry, out) = match begin(ctx, p, io, "kubectl create secret docker-registry") {
        Ok(x) => x,
        Err(s) => return s,
    };
    let files = p.get_strings("from-file");
    let user = p.get_string("docker-username");
    let password = p.get_string("docker-password");
    let server = p.get_string("docker-server");
    let email = p.get_string("docker-email");
    if files.is_empty() && (user.is_empty() || password.is_empty() || server.is_empty()) {
        return report(io, &[KErr::Msg("either --from-file or the combination of --docker-username, --docker-password and --docker-server is required".into())]);
    }
    let mut data = BTreeMap::new();
    if let Err(e) = collect(ctx, p, &mut secret_adder(&mut data)) {
        return report(io, &[KErr::Msg(e)]);
    }
    if files.is_empty() {
        let auth = base64(format!("{user}:{password}").as_bytes());
        let mut entry = String::new();
        entry.push_str("{\"username\":");
        super::gojson::write_string(&mut entry, &user);
        entry.push_str(",\"password\":");
        super::gojson::write_string(&mut entry, &password);
        if !email.is_empty() {
            entry.push_str(",\"email\":");
            super::gojson::write_string(&mut entry, &email);
        }
        entry.push_str(",\"auth\":");
        super::gojson::write_string(&mut entry, &auth);
        entry.push('}');
        let mut cfg = String::from("{\"auths\":{");
        super::gojson::write_string(&mut cfg, &server);
        cfg.push(':');
        cfg.push_str(&entry);
        cfg.push_str("}}");
        data.insert(".dockerconfigjson".to_string(), base64(cfg.as_bytes()));
    }
    let obj = secret_object(ctx, p, &name, data, "kubernetes.io/dockerconfigjson");
    finish(
        ctx,
        p,
        io,
        rt("secrets"),
        obj,
        dry,
        out,
        Some("failed to create secret "),
    )
}

fn run_tls(ctx: &mut Ctx, p: &Parsed, io: &mut Io) -> i32 {
    let (name, dry, out) = match begin(ctx, p, io, "kubectl create secret tls") {
        Ok(x) => x,
        Err(s) => return s,
    };
    let cert = p.get_string("cert");
    let key = p.get_string("key");
    if cert.is_empty() || key.is_empty() {
        return report(io, &[KErr::Msg("key and cert must be specified".into())]);
    }
    let mut contents = vec![];
    for f in [&cert, &key] {
        let abs = crate::vfs::normalize(&ctx.cwd, f);
        match ctx.fs.read(&abs) {
            Ok(t) => contents.push(t),
            Err(e) => {
                return report(
                    io,
                    &[KErr::Msg(format!(
                        "Cannot read file {f}, open {f}: {}",
                        e.to_string().to_lowercase()
                    ))],
                )
            }
        }
    }
    if !contents[0].contains("-----BEGIN CERTIFICATE-----") {
        return report(
            io,
            &[KErr::Msg(
                "tls: failed to find any PEM data in certificate input".into(),
            )],
        );
    }
    if !(contents[1].contains("-----BEGIN") && contents[1].contains("PRIVATE KEY-----")) {
        return report(
            io,
            &[KErr::Msg(
                "tls: failed to find any PEM data in key input".into(),
            )],
        );
    }
    let mut data = BTreeMap::new();
    data.insert("tls.crt".to_string(), base64(contents[0].as_bytes()));
    data.insert("tls.key".to_string(), base64(contents[1].as_bytes()));
    let obj = secret_object(ctx, p, &name, data, "kubernetes.io/tls");
    finish(
        ctx,
        p,
        io,
        rt("secrets"),
        obj,
        dry,
        out,
        Some("failed to create secret "),
    )
}

pub const CONFIGMAP_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("append-hash", None, FlagKind::Bool, "false", "Append a hash of the configmap to its name."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("from-env-file", None, FlagKind::StringSlice, "[]", "Specify the path to a file to read lines of key=val pairs to create a configmap."),
    FlagSpec::new("from-file", None, FlagKind::StringSlice, "[]", "Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key."),
    FlagSpec::new("from-literal", None, FlagKind::StringArray, "[]", "Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)"),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
];

pub const SECRET_GENERIC_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("append-hash", None, FlagKind::Bool, "false", "Append a hash of the secret to its name."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("from-env-file", None, FlagKind::StringSlice, "[]", "Specify the path to a file to read lines of key=val pairs to create a secret."),
    FlagSpec::new("from-file", None, FlagKind::StringSlice, "[]", "Key files can be specified using their file path, in which case a default name will be given to them, or optionally with a name and file path, in which case the given name will be used.  Specifying a directory will iterate each named file in the directory that is a valid secret key."),
    FlagSpec::new("from-literal", None, FlagKind::StringArray, "[]", "Specify a key and literal value to insert in secret (i.e. mykey=somevalue)"),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("type", None, FlagKind::String, "", "The type of secret to create"),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
];

pub const SECRET_DOCKER_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("append-hash", None, FlagKind::Bool, "false", "Append a hash of the secret to its name."),
    FlagSpec::new("docker-email", None, FlagKind::String, "", "Email for Docker registry"),
    FlagSpec::new("docker-password", None, FlagKind::String, "", "Password for Docker registry authentication"),
    FlagSpec::new("docker-server", None, FlagKind::String, "https://index.docker.io/v1/", "Server location for Docker registry"),
    FlagSpec::new("docker-username", None, FlagKind::String, "", "Username for Docker registry authentication"),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("from-file", None, FlagKind::StringSlice, "[]", "Key files can be specified using their file path, in which case a default name of .dockerconfigjson will be given to them, or optionally with a name and file path, in which case the given name will be used. Specifying a directory will iterate each named file in the directory that is a valid secret key. For this command, the key should always be .dockerconfigjson."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
];

pub const SECRET_TLS_FLAGS: &[FlagSpec] = &[
    FlagSpec::new("allow-missing-template-keys", None, FlagKind::Bool, "true", "If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats."),
    FlagSpec::new("append-hash", None, FlagKind::Bool, "false", "Append a hash of the secret to its name."),
    FlagSpec::new("cert", None, FlagKind::String, "", "Path to PEM encoded public key certificate."),
    FlagSpec::new("dry-run", None, FlagKind::StringOptional("unchanged"), "none", "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource."),
    FlagSpec::new("field-manager", None, FlagKind::String, "kubectl-create", "Name of the manager used to track field ownership."),
    FlagSpec::new("key", None, FlagKind::String, "", "Path to private key associated with given certificate."),
    FlagSpec::new("output", Some('o'), FlagKind::String, "", "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file)."),
    FlagSpec::new("save-config", None, FlagKind::Bool, "false", "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    FlagSpec::new("show-managed-fields", None, FlagKind::Bool, "false", "If true, keep the managedFields when printing objects in JSON or YAML format."),
    FlagSpec::new("template", None, FlagKind::String, "", "Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview]."),
    FlagSpec::new("validate", None, FlagKind::StringOptional("strict"), "strict", "Must be one of: strict (or true), warn, ignore (or false). 		\"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. 		\"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. 		\"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields."),
];

#[cfg(test)]
mod tests {
    #[test]
    fn sha256_matches_the_standard_vectors() {
        let hex = |d: [u8; 32]| d.iter().map(|b| format!("{b:02x}")).collect::<String>();
        assert_eq!(
            hex(super::sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            hex(super::sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn base64_like_go() {
        assert_eq!(super::base64(b"s3cr3t"), "czNjcjN0");
        assert_eq!(super::base64(b"u:p"), "dTpw");
        assert_eq!(super::base64(b"ab"), "YWI=");
    }
}
