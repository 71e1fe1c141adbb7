kubectl taint nodes node01 key1=v1:NoSchedule
kubectl taint nodes node01 key1=v2:NoSchedule
kubectl taint nodes node01 key1=v2:NoSchedule --overwrite
kubectl describe node node01 | grep -A1 Taints
kubectl taint nodes node01 key1:NoSchedule-
kubectl taint nodes node01 key1:NoSchedule-
kubectl taint node/node01 gpu=true:Foo
kubectl taint nodes node01
kubectl taint nodes node01 dedicated-
kubectl taint
kubectl taint node/node01 a=b
