#!/usr/bin/env python3
"""Generates src/sim/schema_data.txt from the k8s-openapi crate's v1_31 sources.

Usage: scripts/gen_schema.py [K8S_OPENAPI_SRC_DIR] > src/sim/schema_data.txt

The k8s-openapi sources come from `cargo fetch` of a scratch crate that depends on
`k8s-openapi = { version = "0.23", features = ["v1_31"] }`; without an argument the script looks
in ~/.cargo/registry/src/*/k8s-openapi-0.23.0/src.

Roots are the kinds listed in src/sim/resources.rs; every type reachable from them is written.
Format (one record a line, TAB-separated, `\\n` escapes in descriptions):
  K <kind> <group> <version> <type id>
  T <type id> <go package>.<name> <description>
  F <json name> <type expr> <r if required> <description>
Type expressions: string int32 int64 number boolean Object IntOrString Quantity Time MicroTime
  []X  map[string]X  @<type id>.
"""
import glob, os, re, sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
src = sys.argv[1] if len(sys.argv) > 1 else glob.glob(os.path.expanduser(
    "~/.cargo/registry/src/*/k8s-openapi-0.23.0/src"))[0]
base = os.path.join(src, "v1_31")

# type path (crate::a::b::Name) -> dict
types = {}
for path in glob.glob(os.path.join(base, "**", "*.rs"), recursive=True):
    text = open(path).read()
    rel = os.path.relpath(os.path.dirname(path), base).replace(os.sep, "::")
    m = re.search(r"((?:^///[^\n]*\n)*)#\[derive[^\n]*\]\npub struct (\w+) \{\n(.*?)\n\}\n", text, re.S | re.M)
    if not m:
        continue
    doc, name, body = m.group(1), m.group(2), m.group(3)
    tid = "crate::" + rel + "::" + name
    desc = "\n".join(l[4:] if l.startswith("/// ") else "" for l in doc.splitlines())
    fields = []
    for fm in re.finditer(r"((?:    ///.*\n)*)    pub (\w+): (.*),\n", body + "\n"):
        fdoc = "\n".join(l.strip()[4:] if l.strip().startswith("/// ") else "" for l in fm.group(1).splitlines())
        fields.append((fm.group(2), fm.group(3), fdoc))
    renames = dict((b, a) for a, b in re.findall(r'"(\w+)" => Field::Key_(\w+),', text))
    res = {}
    for k in ("API_VERSION", "GROUP", "KIND"):
        mm = re.search(r"const %s: &'static str = \"([^\"]*)\";" % k, text)
        if mm:
            res[k] = mm.group(1)
    types[tid] = dict(pkg=rel.split("::")[-1], name=name, desc=desc, fields=fields, renames=renames, res=res)

def unesc(s):
    # rustdoc escapes < > [ ] * _ with backslashes
    s = re.sub(r"\\([<>\[\]*_`\\])", r"\1", s)
    return s

SCALARS = {"String": "string", "i32": "int32", "i64": "int64", "f64": "number", "bool": "boolean",
           "crate::ByteString": "string", "crate::serde_json::Value": "Object"}
SPECIAL = {
    "crate::apimachinery::pkg::util::intstr::IntOrString": "IntOrString",
    "crate::apimachinery::pkg::api::resource::Quantity": "Quantity",
    "crate::apimachinery::pkg::apis::meta::v1::Time": "Time",
    "crate::apimachinery::pkg::apis::meta::v1::MicroTime": "MicroTime",
    "crate::apimachinery::pkg::runtime::RawExtension": "Object",
    "crate::apimachinery::pkg::apis::meta::v1::FieldsV1": "Object",
    "crate::apiextensions_apiserver::pkg::apis::apiextensions::v1::JSON": "Object",
}

def texpr(t, todo):
    t = t.strip()
    if t.startswith("Option<") and t.endswith(">"):
        return texpr(t[7:-1], todo)
    if t.startswith("Box<") and t.endswith(">"):
        return texpr(t[4:-1], todo)
    if t.startswith("Vec<") and t.endswith(">"):
        return "[]" + texpr(t[4:-1], todo)
    m = re.match(r"std::collections::BTreeMap<String, (.*)>$", t)
    if m:
        return "map[string]" + texpr(m.group(1), todo)
    if t in SCALARS:
        return SCALARS[t]
    if t in SPECIAL:
        return SPECIAL[t]
    if t.startswith("crate::"):
        if t not in types:
            return "Object"  # a struct without fields (e.g. CustomResourceSubresourceStatus)
        todo.append(t)
        return "@" + t
    sys.exit("unhandled type " + t)

# Kinds from resources.rs
rs = open(os.path.join(ROOT, "src/sim/resources.rs")).read()
kinds = re.findall(r'rt!\(\s*"(\w+)",\s*\[[^\]]*\],\s*"([^"]*)",\s*"(\w+)",\s*(?:true|false),\s*"(\w+)"', rs)
roots = []
for plural, group, version, kind in kinds:
    apiv = (group + "/" if group else "") + version
    found = [tid for tid, t in types.items() if t["res"].get("KIND") == kind and t["res"].get("API_VERSION") == apiv]
    if found:
        roots.append((kind, group, version, found[0]))
    else:
        print("no schema for", kind, apiv, file=sys.stderr)

META_DESC = {
    "apiVersion": "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
    "kind": "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
}

out = []
seen = set()
todo = [r[3] for r in roots]
ids = {}
def short(tid):
    if tid not in ids:
        ids[tid] = str(len(ids))
    return ids[tid]
order = []
while todo:
    tid = todo.pop(0)
    if tid in seen:
        continue
    seen.add(tid)
    order.append(tid)
records = {}
i = 0
while i < len(order):
    tid = order[i]; i += 1
    t = types[tid]
    lines = []
    flds = []
    if t["res"]:
        for k in ("apiVersion", "kind"):
            flds.append((k, "string", "", META_DESC[k]))
    sub = []
    for fname, ftype, fdoc in t["fields"]:
        j = t["renames"].get(fname, fname)
        e = texpr(ftype, sub)
        req = "" if ftype.startswith("Option<") or fname == "metadata" else "r"
        flds.append((j, e, req, unesc(fdoc)))
    for s in sub:
        if s not in seen:
            seen.add(s); order.append(s)
    flds.sort(key=lambda f: f[0])
    records[tid] = (t, flds)

def esc(s):
    return s.replace("\\", "\\\\").replace("\t", " ").replace("\n", "\\n")

def ref(e):
    return re.sub(r"@(crate::[\w:]+)", lambda m: "@" + short(m.group(1)), e)

for tid in order:
    short(tid)
for kind, group, version, tid in roots:
    out.append("K\t%s\t%s\t%s\t%s" % (kind, group, version, short(tid)))
maxd = int(os.environ.get("MAXDESC", "100000"))
# Descriptions (only `kubectl explain` reads them) go to their own file, one line per T and F
# line in order: the page fetches it after the first prompt.
desc = []
for tid in order:
    t, flds = records[tid]
    out.append("T\t%s\t%s.%s" % (short(tid), t["pkg"], t["name"]))
    desc.append(esc(unesc(t["desc"]))[:maxd])
    for j, e, req, d in flds:
        out.append("F\t%s\t%s\t%s" % (j, ref(e), req))
        desc.append(esc(d)[:maxd])
open(os.path.join(ROOT, "www/explain.txt"), "w").write("\n".join(desc) + "\n")
sys.stdout.write("\n".join(out) + "\n")
