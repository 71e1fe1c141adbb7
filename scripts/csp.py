#!/usr/bin/env python3
"""Trunk post-build hook: adds a Content-Security-Policy to the built index.html.

Trunk inlines one small module script that loads the wasm; the policy allows exactly that script
(by its sha256), the app's own files, and WebAssembly compilation — nothing else. No eval, no
inline event handlers, no remote origins.
"""
import base64
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook")
path = os.path.join(staging, "index.html")
with open(path, encoding="utf-8") as f:
    html = f.read()
hashes = []
for m in re.finditer(r"<script\b[^>]*>(.*?)</script>", html, re.S):
    body = m.group(1)
    if body.strip():
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
policy = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    # Lesson folders an instructor shares by URL (`#/lessons/load?url=…`) are fetched as text.
    "connect-src 'self' https:",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
])
meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}" />'
html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', "", html)
html = html.replace("<head>", "<head>\n    " + meta, 1)
with open(path, "w", encoding="utf-8") as f:
    f.write(html)
print(f"csp: {len(hashes)} inline script(s) allowed by hash")
