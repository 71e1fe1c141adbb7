# kubectl edit, attach, cp, debug, proxy, diff: help and argument errors as kubectl v1.31
kubectl run web --image=nginx
kubectl edit pod nope
echo rc=$?
kubectl edit
kubectl edit pod/x y
kubectl edit -f x -k y
kubectl edit -f /nope.yaml
kubectl edit pod nope --output-patch=x
kubectl attach
kubectl attach a b c
kubectl attach nope
kubectl attach -c
kubectl cp
kubectl cp a b
kubectl cp a:b c:d
kubectl cp a: b
kubectl cp /tmp/x pod:/y
kubectl cp --retries=x a b
kubectl debug
kubectl debug --image=busybox
kubectl debug a --image=busybox --replace
kubectl debug a --copy-to=b
kubectl debug --profile=bogus a
kubectl debug a --image=busybox --copy-to=b --replace=x
kubectl proxy -u /s -p 9
kubectl proxy --port=x
kubectl diff
echo rc=$?
kubectl diff x
echo rc=$?
kubectl diff -f y -k z
echo rc=$?
kubectl diff --concurrency=x -f y
echo rc=$?
kubectl edit pod web
kubectl edit -h | head -3
kubectl attach -h | head -3
kubectl cp -h | head -3
kubectl debug -h | head -3
kubectl proxy -h | head -3
kubectl diff -h | head -3
