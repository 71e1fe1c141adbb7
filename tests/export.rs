//! Export to a real cluster: the learner's own objects as multi-document YAML, without status or
//! fields the cluster filled in, that a fresh cluster takes back with `kubectl apply -f`. The
//! test command also checks every lesson's export against the Kubernetes v1.31 schemas
//! (`kubernetes-validate --strict`, on the files this test writes to `target/exported-yaml`).

use kube_playground::lessons;
use kube_playground::session::{export, Session};
use kube_playground::shell::TermChunk;

fn run(s: &mut Session, line: &str) -> (i32, String) {
    let r = s.run_line(line).result;
    let text = r
        .output
        .iter()
        .map(|c| match c {
            TermChunk::Out(t) | TermChunk::Err(t) => t.clone(),
            TermChunk::Clear => String::new(),
        })
        .collect();
    (r.status, text)
}

/// `kind/name` (with the namespace when not default) of each document, in order.
fn documents(yaml: &str) -> Vec<String> {
    yaml.split("---\n")
        .map(|doc| {
            let field = |key: &str| {
                doc.lines()
                    .find_map(|l| l.strip_prefix(key))
                    .unwrap_or("")
                    .trim()
                    .to_string()
            };
            let name = field("  name: ");
            let ns = field("  namespace: ");
            let kind = field("kind: ");
            if ns.is_empty() || ns == "default" {
                format!("{kind}/{name}")
            } else {
                format!("{kind}/{ns}/{name}")
            }
        })
        .collect()
}

/// Applies `yaml` to a fresh cluster: every object must be created.
fn reapply(yaml: &str) -> String {
    let mut fresh = Session::new(9);
    let now = fresh.cluster.now();
    fresh
        .cluster
        .node_fs
        .get_mut("controlplane")
        .unwrap()
        .write("/root/export.yaml", yaml, now)
        .unwrap();
    let (status, out) = run(&mut fresh, "kubectl apply -f /root/export.yaml");
    assert_eq!(
        status, 0,
        "apply of the export failed:\n{out}\n--- export:\n{yaml}"
    );
    for line in out.lines() {
        assert!(line.ends_with(" created"), "not created: {line}\n{out}");
    }
    out
}

#[test]
fn the_learners_objects_only_without_what_the_cluster_filled_in() {
    let mut s = Session::new(1);
    for line in [
        "kubectl create namespace shop",
        "kubectl run web --image=nginx --labels=app=web",
        "kubectl expose pod web --port=80",
        "kubectl create deployment api --image=nginx --replicas=2 -n shop",
        "kubectl expose deployment api --port=8080 --target-port=80 --type=NodePort -n shop",
        "kubectl create configmap settings --from-literal=mode=dev",
        "kubectl create secret generic creds --from-literal=password=s3cret",
        "kubectl create job once --image=busybox -- echo hi",
        "kubectl create cronjob tick --image=busybox --schedule='*/5 * * * *' -- date",
        "kubectl create serviceaccount robot -n shop",
        "kubectl create role reader --verb=get --resource=pods -n shop",
        "kubectl create rolebinding reader --role=reader --serviceaccount=shop:robot -n shop",
        "kubectl create quota small --hard=pods=10 -n shop",
        "sleep 30",
    ] {
        let (status, out) = run(&mut s, line);
        assert_eq!(status, 0, "{line}: {out}");
    }
    let yaml = export::learner_objects_yaml(&s.cluster);
    assert_eq!(
        documents(&yaml),
        [
            "Namespace/shop",
            "ResourceQuota/shop/small",
            "ServiceAccount/shop/robot",
            "Secret/creds",
            "ConfigMap/settings",
            "Role/shop/reader",
            "RoleBinding/shop/reader",
            "Service/web",
            "Service/shop/api",
            "CronJob/tick",
            "Deployment/shop/api",
            "Job/once",
            "Pod/web",
        ],
        "{yaml}"
    );
    for generated in [
        "uid:",
        "resourceVersion:",
        "creationTimestamp:",
        "status:",
        "clusterIP",
        "nodeName:",
        "kube-api-access-",
        "controller-uid",
        "deployment.kubernetes.io/revision",
        "tolerationSeconds: 300",
    ] {
        assert!(!yaml.contains(generated), "{generated} in\n{yaml}");
    }
    reapply(&yaml);
}

#[test]
fn an_applied_file_exports_without_its_last_applied_annotation() {
    let mut s = Session::new(2);
    let now = s.cluster.now();
    let manifest = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: box\n  annotations:\n    team: blue\nspec:\n  containers:\n  - name: box\n    image: busybox\n    command: [\"sleep\", \"3600\"]\n";
    s.cluster
        .node_fs
        .get_mut("controlplane")
        .unwrap()
        .write("/root/box.yaml", manifest, now)
        .unwrap();
    assert_eq!(run(&mut s, "kubectl apply -f box.yaml").0, 0);
    run(&mut s, "sleep 10");
    let yaml = export::learner_objects_yaml(&s.cluster);
    assert!(yaml.contains("team: blue"), "{yaml}");
    assert!(!yaml.contains("last-applied-configuration"), "{yaml}");
    reapply(&yaml);
}

#[test]
fn a_fresh_cluster_exports_nothing() {
    let mut s = Session::new(4);
    run(&mut s, "sleep 60");
    assert_eq!(export::learner_objects_yaml(&s.cluster), "");
}

/// Every lesson played to its end exports YAML that a fresh cluster takes back; the files are
/// left in `target/exported-yaml` for the schema check of the test command.
#[test]
fn every_lessons_objects_export_and_apply_to_a_fresh_cluster() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/exported-yaml");
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).unwrap();
    let mut exported = 0;
    for lesson in lessons::all() {
        let mut s = Session::for_lesson(lesson, 0, 1);
        for step in &lesson.steps {
            s.run_lines(&step.solution);
        }
        let yaml = export::learner_objects_yaml(&s.cluster);
        if yaml.is_empty() {
            continue;
        }
        reapply(&yaml);
        std::fs::write(format!("{dir}/{}.yaml", lesson.dir), &yaml).unwrap();
        exported += 1;
    }
    assert!(exported >= 10, "only {exported} lessons exported objects");
}
