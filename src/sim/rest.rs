//! kube-apiserver's HTTP read paths: what `kubectl get --raw PATH` and a `curl` through
//! `kubectl proxy` receive for a GET. Objects and lists come from the API server's store;
//! `pods/NAME[:PORT]/proxy/…` and `services/NAME[:PORT]/proxy/…` name a backend for the
//! network to reach.
//!
//! JSON is written as Go's encoder writes it: the object's own fields first (kind,
//! apiVersion, metadata in ObjectMeta's order, spec, status), `<`, `>` and `&` escaped, pretty
//! (two spaces, no final newline) for curl and browsers, compact with a final newline for
//! kubectl.

use serde_json::Value;

use super::apiserver::ApiServer;
use super::object::Pointer as _;
use super::resources::{by_plural, ResourceType};

/// An answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub json: bool,
    pub body: String,
}

/// What a GET reaches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Reply(Reply),
    /// A pod's or a Service's proxy subresource: the backend to ask for `path`.
    Proxy {
        namespace: String,
        /// `pods` or `services`.
        resource: &'static str,
        name: String,
        port: String,
        path: String,
    },
}

const TOP: &[&str] = &[
    "kind",
    "apiVersion",
    "metadata",
    "spec",
    "status",
    "versions",
];
const META: &[&str] = &[
    "name",
    "generateName",
    "namespace",
    "selfLink",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "labels",
    "annotations",
    "ownerReferences",
    "finalizers",
    "managedFields",
];
const STATUS: &[&str] = &[
    "kind",
    "apiVersion",
    "metadata",
    "status",
    "message",
    "reason",
    "details",
    "code",
];

const DETAILS: &[&str] = &[
    "name",
    "group",
    "kind",
    "uid",
    "causes",
    "retryAfterSeconds",
];

/// Where a JSON object sits, for the order of its keys.
#[derive(Clone, Copy, PartialEq)]
enum Level {
    /// An API object or list.
    Object,
    Meta,
    Status,
    Details,
    /// Anything else: a map's sorted keys.
    Plain,
}

impl Level {
    fn first_keys(self) -> &'static [&'static str] {
        match self {
            Level::Object => TOP,
            Level::Meta => META,
            Level::Status => STATUS,
            Level::Details => DETAILS,
            Level::Plain => &[],
        }
    }
    fn child(self, key: &str) -> Level {
        match (self, key) {
            (Level::Object, "metadata") => Level::Meta,
            (Level::Object, "items") => Level::Object,
            (Level::Status, "details") => Level::Details,
            _ => Level::Plain,
        }
    }
}

/// Writes `v` as Go's `encoding/json` does for the API's types: fields in their struct order
/// where known (`Level`), a map's keys sorted.
fn write(v: &Value, pretty: bool, depth: usize, level: Level, out: &mut String) {
    let nl = |out: &mut String, d: usize| {
        if pretty {
            out.push('\n');
            out.push_str(&"  ".repeat(d));
        }
    };
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('{');
            let order = level.first_keys();
            let mut keys: Vec<&String> = order
                .iter()
                .filter_map(|k| m.get_key_value(*k).map(|(k, _)| k))
                .collect();
            keys.extend(m.keys().filter(|k| !order.contains(&k.as_str())));
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                nl(out, depth + 1);
                out.push_str(&escape(&Value::String(k.clone())));
                out.push_str(if pretty { ": " } else { ":" });
                write(&m[k], pretty, depth + 1, level.child(k), out);
            }
            nl(out, depth);
            out.push('}');
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                nl(out, depth + 1);
                write(x, pretty, depth + 1, level, out);
            }
            nl(out, depth);
            out.push(']');
        }
        other => out.push_str(&escape(other)),
    }
}

fn escape(v: &Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// An object (or list, or Status) as the API server encodes it.
pub fn encode(v: &Value, pretty: bool) -> String {
    let level = if v.get("kind").and_then(Value::as_str) == Some("Status") {
        Level::Status
    } else {
        Level::Object
    };
    let mut out = String::new();
    write(v, pretty, 0, level, &mut out);
    if !pretty {
        out.push('\n');
    }
    out
}

fn reply(status: u16, v: &Value, pretty: bool) -> Route {
    Route::Reply(Reply {
        status,
        json: true,
        body: encode(v, pretty),
    })
}

fn status(code: u16, reason: &str, message: String, details: Option<Value>, pretty: bool) -> Route {
    let mut s = serde_json::json!({
        "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
        "message": message, "reason": reason, "code": code,
    });
    if let Some(d) = details {
        s["details"] = d;
    }
    reply(code, &s, pretty)
}

/// A failure Status without details.
pub fn status_reply(code: u16, reason: &str, message: String, pretty: bool) -> Reply {
    match status(code, reason, message, None, pretty) {
        Route::Reply(r) => r,
        Route::Proxy { .. } => Reply {
            status: code,
            json: false,
            body: String::new(),
        },
    }
}

/// A Status for an error of the proxy subresource (`error trying to reach service: …`).
pub fn unavailable(message: String, pretty: bool) -> Reply {
    status_reply(503, "ServiceUnavailable", message, pretty)
}

fn not_found_page() -> Route {
    Route::Reply(Reply {
        status: 404,
        json: false,
        body: "404 page not found\n".into(),
    })
}

/// A query value with its `%XX` escapes and `+` decoded.
fn unescape_query(v: &str) -> String {
    let b = v.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = b
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b[i], hex) {
            (b'%', Some(x)) => {
                out.push(x);
                i += 3;
                continue;
            }
            (b'+', _) => out.push(b' '),
            (c, _) => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Go's `strconv.ParseBool`.
fn go_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// `GET path?query`; `pretty` as the client's User-Agent asks (curl, Wget, browsers).
pub fn get(api: &ApiServer, path_and_query: &str, pretty: bool) -> Route {
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let param = |name: &str| {
        query.split('&').find_map(|kv| match kv.split_once('=') {
            Some((k, v)) if k == name => Some(unescape_query(v)),
            None if kv == name => Some(String::new()),
            _ => None,
        })
    };
    let pretty = match param("pretty").filter(|p| !p.is_empty()) {
        Some(p) => go_bool(&p).unwrap_or(false),
        None => pretty,
    };
    match path.trim_end_matches('/') {
        "/healthz" | "/livez" | "/readyz" => {
            return Route::Reply(Reply {
                status: 200,
                json: false,
                body: "ok".into(),
            })
        }
        "/version" => {
            let mut body = String::from("{");
            for (i, (k, v)) in super::VERSION_INFO.iter().enumerate() {
                body.push_str(if i > 0 { ",\n  " } else { "\n  " });
                body.push_str(&format!("\"{k}\": \"{v}\""));
            }
            body.push_str("\n}");
            return Route::Reply(Reply {
                status: 200,
                json: true,
                body,
            });
        }
        "/api" => {
            let v = serde_json::json!({"kind": "APIVersions", "versions": ["v1"],
                "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "192.168.1.2:6443"}]});
            return reply(200, &v, pretty);
        }
        _ => {}
    }
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    let (group, version, rest) = match parts.as_slice() {
        ["api", v, rest @ ..] => ("", *v, rest),
        ["apis", g, v, rest @ ..] => (*g, *v, rest),
        _ => return not_found_page(),
    };
    let (namespace, rest) = match rest {
        ["namespaces", ns, r, more @ ..] => (Some(*ns), [&[*r][..], more].concat()),
        _ => (None, rest.to_vec()),
    };
    let Some((resource, rest)) = rest.split_first() else {
        return not_found_page();
    };
    let Some(rt) = by_plural(resource, group).filter(|r| r.version == version) else {
        return not_found_page();
    };
    if namespace.is_some() && !rt.namespaced {
        return not_found_page();
    }
    match rest {
        [] => list(api, rt, namespace, param("labelSelector"), pretty),
        [name] | [name, "status"] => object(api, rt, namespace.unwrap_or(""), name, pretty),
        [target, "proxy", path @ ..]
            if namespace.is_some()
                && matches!(rt.plural, "pods" | "services")
                && rt.group.is_empty() =>
        {
            // `NAME`, `NAME:PORT`, `SCHEME:NAME:PORT`.
            let fields: Vec<&str> = target.split(':').collect();
            let (name, port) = match fields.as_slice() {
                [n] => (*n, ""),
                [n, p] => (*n, *p),
                [_, n, p] => (*n, *p),
                _ => (*target, ""),
            };
            let ns = namespace.unwrap_or("default");
            if let Err(s) = api.get(rt, ns, name) {
                return object_status(rt, name, &s.message, pretty);
            }
            let mut path = format!("/{}", path.join("/"));
            if !query.is_empty() {
                path = format!("{path}?{query}");
            }
            Route::Proxy {
                namespace: ns.to_string(),
                resource: rt.plural,
                name: name.to_string(),
                port: port.to_string(),
                path,
            }
        }
        _ => not_found_page(),
    }
}

fn object_status(rt: &ResourceType, name: &str, message: &str, pretty: bool) -> Route {
    let mut details = serde_json::json!({"name": name, "kind": rt.plural});
    if !rt.group.is_empty() {
        details["group"] = rt.group.into();
    }
    status(404, "NotFound", message.to_string(), Some(details), pretty)
}

fn object(api: &ApiServer, rt: &ResourceType, ns: &str, name: &str, pretty: bool) -> Route {
    match api.get(rt, ns, name) {
        Ok(mut o) => {
            if let Some(m) = o.as_object_mut() {
                m.insert("kind".into(), rt.kind.into());
                m.insert("apiVersion".into(), rt.api_version().into());
            }
            reply(200, &o, pretty)
        }
        Err(s) => object_status(rt, name, &s.message, pretty),
    }
}

fn list(
    api: &ApiServer,
    rt: &ResourceType,
    namespace: Option<&str>,
    selector: Option<String>,
    pretty: bool,
) -> Route {
    let selector = match super::labels::Selector::parse(&selector.unwrap_or_default()) {
        Ok(s) => s,
        Err(e) => return status(400, "BadRequest", e, None, pretty),
    };
    let items: Vec<Value> = api
        .for_each(rt, namespace)
        .filter(|o| {
            let none = serde_json::Map::new();
            let labels = o.at("/metadata/labels").and_then(Value::as_object);
            selector.matches(labels.unwrap_or(&none))
        })
        .map(|o| {
            let mut o = o.clone();
            if let Some(m) = o.as_object_mut() {
                m.remove("kind");
                m.remove("apiVersion");
            }
            o
        })
        .collect();
    let v = serde_json::json!({
        "kind": format!("{}List", rt.kind),
        "apiVersion": rt.api_version(),
        "metadata": {"resourceVersion": api.store.resource_version().to_string()},
        "items": items,
    });
    reply(200, &v, pretty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_go() {
        let pod = serde_json::json!({"status": {"phase": "Running"}, "spec": {"b": 1, "a": "<&>"},
            "metadata": {"uid": "u", "name": "p", "labels": {"z": "1", "a": "2"}},
            "kind": "Pod", "apiVersion": "v1"});
        assert_eq!(
            encode(&pod, false),
            "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"p\",\"uid\":\"u\",\"labels\":{\"a\":\"2\",\"z\":\"1\"}},\"spec\":{\"a\":\"\\u003c\\u0026\\u003e\",\"b\":1},\"status\":{\"phase\":\"Running\"}}\n"
        );
        assert_eq!(
            encode(
                &serde_json::json!({"kind": "List", "items": [], "metadata": {}}),
                true
            ),
            "{\n  \"kind\": \"List\",\n  \"metadata\": {},\n  \"items\": []\n}"
        );
    }

    #[test]
    fn query_values_are_unescaped() {
        assert_eq!(unescape_query("component%3Detcd"), "component=etcd");
        assert_eq!(unescape_query("a+b%2"), "a b%2");
    }
}
