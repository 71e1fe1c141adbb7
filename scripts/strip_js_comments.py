#!/usr/bin/env python3
"""Trunk post-build hook: drops whole-line `//` comments from the hand-written JavaScript the
page loads as is (the service worker and the wasm-bindgen snippets), which Trunk's minifier does
not touch. The sources keep their comments; the download does not pay for them."""
import os
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook")
for root, _dirs, files in os.walk(staging):
    for name in files:
        if not name.endswith(".js"):
            continue
        rel = os.path.relpath(os.path.join(root, name), staging)
        if not (rel == "sw.js" or rel.startswith("snippets" + os.sep)):
            continue
        path = os.path.join(root, name)
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        kept = [l for l in lines if not l.lstrip().startswith("//")]
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(kept))
