kubectl cluster-info
kubectl cluster-info dump | head -3
