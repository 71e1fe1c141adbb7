# kubectl version: -o json in Go's field order with two spaces, -o yaml sorted
kubectl version
kubectl version -o json
kubectl version --client -o yaml
kubectl version -o nope
