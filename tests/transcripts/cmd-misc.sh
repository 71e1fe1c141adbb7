kubectl api-versions
kubectl plugin list
kubectl options | head -5
kubectl options | tail -3
