kubectl describe node controlplane
kubectl describe node node01
kubectl describe no/node01 --show-events=false | head -3
