#!/usr/bin/env python3
"""Trunk post-build hook: adds a Content-Security-Policy to the built index.html (and drops
comment lines from the hand-written JS first, keeping its integrity hashes right).

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


def strip_comment_lines(rel):
    """Drops whole-line `//` comments from hand-written JavaScript that Trunk's minifier does
    not touch (the service worker, the wasm-bindgen snippets), and updates its Subresource
    Integrity hash in the page. The sources keep their comments; the download does not pay."""
    global html
    file = os.path.join(staging, rel)
    with open(file, encoding="utf-8") as f:
        lines = f.read().split("\n")
    text = "\n".join(l for l in lines if not l.lstrip().startswith("//"))
    with open(file, "w", encoding="utf-8") as f:
        f.write(text)
    digest = base64.b64encode(hashlib.sha384(text.encode("utf-8")).digest()).decode()
    href = re.escape("/" + rel.replace(os.sep, "/"))
    html = re.sub(
        r'(href=["\']?[^"\' >]*' + href + r'["\']?[^>]*?integrity=["\']?)sha384-[A-Za-z0-9+/=]+',
        lambda m: m.group(1) + "sha384-" + digest,
        html,
    )
    html = re.sub(
        r'(integrity=["\']?)sha384-[A-Za-z0-9+/=]+(["\']?[^>]*href=["\']?[^"\' >]*' + href + r')',
        lambda m: m.group(1) + "sha384-" + digest + m.group(2),
        html,
    )


for root, _dirs, files in os.walk(staging):
    for name in files:
        rel = os.path.relpath(os.path.join(root, name), staging)
        if name.endswith(".js") and (rel == "sw.js" or rel.startswith("snippets" + os.sep)):
            strip_comment_lines(rel)

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
if "<head>" in html:
    html = html.replace("<head>", "<head>\n    " + meta, 1)
else:
    # A minified page leaves out the optional <head> tag: the policy goes right after the
    # charset, still inside the implied head and before any script.
    html = re.sub(r"(<meta charset=[^>]*>)", lambda m: m.group(1) + meta, html, count=1)
if "Content-Security-Policy" not in html:
    sys.exit("csp: could not place the Content-Security-Policy")
with open(path, "w", encoding="utf-8") as f:
    f.write(html)
print(f"csp: {len(hashes)} inline script(s) allowed by hash")
