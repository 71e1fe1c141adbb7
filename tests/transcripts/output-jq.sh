kubectl run web --image=nginx
kubectl run db --image=redis --labels=app=db
kubectl run cache --image=redis --labels=app=cache
kubectl create deployment web --image=nginx -n kube-public
sleep 20
kubectl get pods -o json | jq '.items | group_by(.spec.nodeName) | map({node: .[0].spec.nodeName, count: length})'
kubectl get pods -o json | jq -r '.items[].metadata.name'
kubectl get pods -o json | jq -c '.items[] | {name: .metadata.name, phase: .status.phase}'
kubectl get pods -o json | jq '.items[0].x.y.z'
kubectl get pods -o json | jq '.items.x'
kubectl get pods -o json | jq '.items[' ; echo "exit $?"
echo '{"a":1}' | jq --arg n web '{name: $n, a}'
jq -n '[1,2,3] | map(. * 2) | add'
kubectl get deploy web -n kube-public -o json | jq '.spec.template.spec.containers[0] | keys'
kubectl get pods -o json | jq '.items[] | select(.status.phase == "Running") | .metadata.name' | head -1
kubectl get pods -o json | jq -r '.items[] | "\(.metadata.name) \(.spec.nodeName)"'
kubectl get pods -o json | jq '.items | length'
kubectl get pods -o json | jq '.items[0].metadata.labels | to_entries'
kubectl get pods -o json | jq 'foo' ; echo "exit $?"
echo '[3,1,2]' | jq -c 'sort, reverse, first, last, (. | has(0))'
