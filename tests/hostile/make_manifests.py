#!/usr/bin/env python3
"""Writes tests/hostile/manifests/: malformed and adversarial manifests for `kubectl apply -f`."""
import json, os

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "manifests"))
for f in os.listdir("."):
    os.remove(f)
POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  containers:\n  - name: c\n    image: nginx\n"
m = {}
m["tab-indent.yaml"] = "apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n"
m["tab-in-list.yaml"] = POD.format(name="t").replace("  - name: c", "\t- name: c")
m["bad-indent-mapping.yaml"] = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n    labels: a\n"
m["bad-indent-list.yaml"] = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: c\n   image: nginx\n"
m["missing-kind.yaml"] = "apiVersion: v1\nmetadata:\n  name: x\n"
m["missing-apiversion.yaml"] = "kind: Pod\nmetadata:\n  name: x\n"
m["missing-both.yaml"] = "metadata:\n  name: x\n"
m["missing-name.yaml"] = "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: c\n    image: nginx\n"
m["unknown-kind.yaml"] = "apiVersion: v1\nkind: Podd\nmetadata:\n  name: x\n"
m["old-apiversion.yaml"] = "apiVersion: apps/v1beta1\nkind: Deployment\nmetadata:\n  name: x\n"
m["unknown-field.yaml"] = POD.format(name="u").replace("    image: nginx", "    imagee: nginx")
m["unknown-fields-many.yaml"] = POD.format(name="u2") + "  foo: 1\n  bar: 2\nbaz: 3\n"
m["wrong-type-replicas.yaml"] = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w\nspec:\n  replicas: three\n"
m["wrong-type-containers.yaml"] = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: w2\nspec:\n  containers: nginx\n"
m["wrong-type-labels.yaml"] = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: w3\n  labels: [a, b]\n"
m["number-label.yaml"] = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: w4\n  labels:\n    version: 1.0\n"
m["no-containers.yaml"] = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: n\nspec: {}\n"
m["empty-containers.yaml"] = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: n2\nspec:\n  containers: []\n"
m["bad-name.yaml"] = POD.format(name="Bad_Name")
m["long-name.yaml"] = POD.format(name="a" * 300)
m["huge-label.yaml"] = POD.format(name="hl").replace("metadata:\n", "metadata:\n  labels:\n    big: " + "v" * 100000 + "\n")
m["huge-annotation.yaml"] = POD.format(name="ha").replace("metadata:\n", "metadata:\n  annotations:\n    big: " + "v" * 300000 + "\n")
m["many-labels.yaml"] = POD.format(name="ml").replace("metadata:\n", "metadata:\n  labels:\n" + "".join(f"    k{i}: v{i}\n" for i in range(3000)))
m["replicas-billion.yaml"] = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: big\nspec:\n  replicas: 1000000000\n  selector:\n    matchLabels:\n      app: big\n  template:\n    metadata:\n      labels:\n        app: big\n    spec:\n      containers:\n      - name: c\n        image: nginx\n"
m["replicas-negative.yaml"] = m["replicas-billion.yaml"].replace("1000000000", "-3").replace("name: big", "name: neg")
m["replicas-overflow.yaml"] = m["replicas-billion.yaml"].replace("1000000000", "99999999999999999999999").replace("name: big", "name: ovf")
m["selector-mismatch.yaml"] = m["replicas-billion.yaml"].replace("1000000000", "1").replace("app: big\n  template", "app: other\n  template").replace("name: big", "name: mism")
lol = ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
for i, c in enumerate("bcdefghij"):
    prev = "abcdefghij"[i]
    lol.append(f"{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
m["billion-laughs.yaml"] = "\n".join(lol) + "\n"
m["anchor-alias.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: &n anchored\ndata:\n  name: *n\n"
m["alias-undefined.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: *nope\n"
m["merge-key.yaml"] = "base: &b\n  x: 1\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: mk\n  <<: *b\n"
m["deep-nesting-maps.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\nextra:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(400)) + "  " * 401 + "v\n"
m["deep-nesting-flow.yaml"] = "x: " + "[" * 5000 + "]" * 5000 + "\n"
m["deep-nesting-json.json"] = "{\"a\":" * 3000 + "1" + "}" * 3000
m["unclosed-flow.yaml"] = "apiVersion: v1\nkind: Pod\nmetadata: {name: x\n"
m["unclosed-quote.yaml"] = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \"x\n"
m["duplicate-keys.yaml"] = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: d\n  name: e\n"
m["only-comments.yaml"] = "# nothing here\n# at all\n"
m["empty.yaml"] = ""
m["only-separators.yaml"] = "---\n---\n---\n"
m["scalar-doc.yaml"] = "hello\n"
m["list-doc.yaml"] = "- a\n- b\n"
m["null-doc.yaml"] = "null\n"
m["multi-doc-one-bad.yaml"] = POD.format(name="good1") + "---\n" + "kind: [\n" + "---\n" + POD.format(name="good2")
m["multi-doc-many.yaml"] = "---\n".join(POD.format(name=f"m{i}") for i in range(300))
m["list-kind.yaml"] = "apiVersion: v1\nkind: List\nitems:\n- " + POD.format(name="li").replace("\n", "\n  ").rstrip() + "\n- 42\n- null\n"
m["json-pod.json"] = json.dumps({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "jp"}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}})
m["json-broken.json"] = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "jb"'
m["json-trailing-comma.json"] = '{"apiVersion": "v1", "kind": "Pod",}'
m["crlf.yaml"] = POD.format(name="crlf").replace("\n", "\r\n")
m["bom.yaml"] = "\ufeff" + POD.format(name="bom")
m["nul-bytes.yaml"] = POD.format(name="nul") + "\x00\x00\x00"
m["control-chars.yaml"] = POD.format(name="cc").replace("nginx", "ngi\x07nx\x1b[2J")
m["unicode-name.yaml"] = POD.format(name="파드")
m["script-injection.yaml"] = POD.format(name="xss").replace("metadata:\n", "metadata:\n  labels:\n    a: \"<script>alert(1)</script>\"\n  annotations:\n    b: \"<img src=x onerror=alert(1)>\"\n")
m["long-line.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ll\ndata:\n  x: " + "y" * 200_000 + "\n"
m["namespace-missing.yaml"] = POD.format(name="nm").replace("metadata:\n", "metadata:\n  namespace: nope\n")
m["namespace-bad.yaml"] = POD.format(name="nb").replace("metadata:\n", "metadata:\n  namespace: Bad_NS\n")
m["cluster-scoped-with-ns.yaml"] = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: scoped\n  namespace: default\n"
m["node.yaml"] = "apiVersion: v1\nkind: Node\nmetadata:\n  name: node99\n"
m["static-hostile.yaml"] = POD.format(name="static").replace("image: nginx", "image: ''")
m["probe-garbage.yaml"] = POD.format(name="pg") + "    livenessProbe:\n      httpGet:\n        port: -5\n        path: 42\n      periodSeconds: -1\n"
m["resources-garbage.yaml"] = POD.format(name="rg") + "    resources:\n      limits:\n        cpu: lots\n        memory: 1Zi\n      requests:\n        cpu: -1\n"
m["ports-garbage.yaml"] = POD.format(name="pt") + "    ports:\n    - containerPort: 70000\n    - containerPort: abc\n    - {}\n"
m["env-garbage.yaml"] = POD.format(name="eg") + "    env:\n    - name: ''\n    - value: x\n    - name: A\n      valueFrom: {}\n"
m["service-garbage.yaml"] = "apiVersion: v1\nkind: Service\nmetadata:\n  name: 1svc\nspec:\n  type: Nope\n  ports:\n  - port: 0\n  - port: 99999\n    nodePort: 1\n"
for name, text in m.items():
    with open(name, "w", encoding="utf-8", newline="") as f:
        f.write(text)
print(len(m), "manifests")
