//! Tab after kubectl: live object names in the namespace the line names, namespaces after
//! `-n`, flags, output formats — as kubectl's bash completion offers them.

use kube_playground::session::Session;

fn tab(s: &mut Session, line: &str) -> (String, Vec<String>) {
    let c = s.complete(line);
    (c.line, c.candidates)
}

#[test]
fn names_of_live_objects_in_the_right_namespace() {
    let mut s = Session::new(1);
    for l in [
        "kubectl create namespace shop",
        "kubectl run checkout-7 --image=nginx -n shop",
        "kubectl run web --image=nginx",
        "kubectl create deployment api --image=nginx",
        "alias k=kubectl",
    ] {
        s.run_line(l);
    }
    let line = |s: &mut Session, l: &str| tab(s, l).0;
    assert_eq!(
        line(&mut s, "kubectl describe pod -n shop chec"),
        "kubectl describe pod -n shop checkout-7 "
    );
    assert_eq!(
        line(&mut s, "kubectl -n shop get po chec"),
        "kubectl -n shop get po checkout-7 "
    );
    assert_eq!(
        line(&mut s, "kubectl get po --namespace=shop c"),
        "kubectl get po --namespace=shop checkout-7 "
    );
    assert_eq!(
        line(&mut s, "kubectl describe pod chec"),
        "kubectl describe pod chec",
        "not in default"
    );
    assert_eq!(
        line(&mut s, "kubectl delete pod -A kube-sch"),
        "kubectl delete pod -A kube-scheduler-controlplane "
    );
    assert_eq!(line(&mut s, "k get po w"), "k get po web ");
    assert_eq!(line(&mut s, "kubectl get pod/w"), "kubectl get pod/web ");
    assert_eq!(
        line(&mut s, "kubectl logs -n kube-system etcd"),
        "kubectl logs -n kube-system etcd-controlplane "
    );
    assert_eq!(line(&mut s, "kubectl exec -it w"), "kubectl exec -it web ");
    assert_eq!(
        line(&mut s, "kubectl cordon node"),
        "kubectl cordon node01 "
    );
    assert_eq!(
        line(&mut s, "kubectl rollout status deployment a"),
        "kubectl rollout status deployment api "
    );
    assert_eq!(
        line(&mut s, "kubectl rollout undo deployment/a"),
        "kubectl rollout undo deployment/api "
    );
    assert_eq!(
        line(&mut s, "kubectl scale deploy a"),
        "kubectl scale deploy api "
    );
    assert_eq!(
        tab(&mut s, "kubectl get pods -n k"),
        (
            "kubectl get pods -n kube-".to_string(),
            vec![
                "kube-node-lease".to_string(),
                "kube-public".into(),
                "kube-system".into()
            ]
        )
    );
    assert_eq!(
        tab(&mut s, "kubectl get pods --all").1,
        ["--all-namespaces", "--allow-missing-template-keys"]
    );
    assert_eq!(
        line(&mut s, "kubectl get pods -o ya"),
        "kubectl get pods -o yaml "
    );
    // The shell's own lists and files are still there.
    assert_eq!(line(&mut s, "kubectl des"), "kubectl describe ");
    assert_eq!(
        line(&mut s, "kubectl get deploy"),
        "kubectl get deployments "
    );
    assert_eq!(
        line(&mut s, "kubectl apply -f /etc/kub"),
        "kubectl apply -f /etc/kubernetes/"
    );
}
