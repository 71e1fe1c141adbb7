#!/usr/bin/env python3
"""Turns the Options section of `kubectl <cmd> --help` (a real kubectl binary) into a Rust
`FlagSpec` table, so our flag lists and help texts are the real ones.

usage: flags_from_help.py KUBECTL CMD [SUBCMD...]
"""
import re
import subprocess
import sys

kubectl, *cmd = sys.argv[1:]
text = subprocess.run([kubectl, *cmd, "--help"], capture_output=True, text=True).stdout
opts = text.split("\nOptions:\n", 1)[1].split("\nUsage:\n", 1)[0]
flags = []
cur = None
for line in opts.split("\n"):
    m = re.match(r"^    (?:-(\w), )?--([\w-]+)=(.*):$", line)
    if m:
        cur = {"short": m.group(1), "name": m.group(2), "default": m.group(3), "usage": []}
        flags.append(cur)
    elif cur is not None and line.startswith("\t"):
        cur["usage"].append(line[1:])
def rs(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
for f in flags:
    d = f["default"]
    if d in ("true", "false"):
        kind = "Bool"
    elif d.startswith("'") and d.endswith("'"):
        kind = "String"; d = d[1:-1]
    elif d.startswith("["):
        kind = "StringArray" if f["name"] in ("env", "annotations", "overrides", "from-literal", "from-file", "from-env-file", "filename") else "StringSlice"
    elif re.match(r"^-?\d+$", d):
        kind = "Int"
    elif re.match(r"^\d+(\.\d+)?(ns|us|ms|s|m|h)", d):
        kind = "Duration"
    else:
        kind = "String"
    short = f"Some('{f['short']}')" if f["short"] else "None"
    usage = " ".join(u.strip() for u in f["usage"])
    print(f"    FlagSpec::new({rs(f['name'])}, {short}, FlagKind::{kind}, {rs(d)}, {rs(usage)}),")
