//! User-facing text in Korean and English. kubectl's own output stays in English, as the real
//! binary prints it; everything the playground itself says goes through here.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Ko,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }
    pub fn from_code(code: &str) -> Lang {
        if code.starts_with("ko") {
            Lang::Ko
        } else {
            Lang::En
        }
    }
}

/// A message of the playground, by key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg {
    Title,
    Tagline,
    InputPlaceholder,
    ShellHelp,
    NotYetAvailable,
    Language,
}

pub fn t(lang: Lang, msg: Msg) -> &'static str {
    use Lang::*;
    use Msg::*;
    match (msg, lang) {
        (Title, _) => "Kube Playground",
        (Tagline, En) => "A Kubernetes cluster in your browser",
        (Tagline, Ko) => "브라우저 안의 쿠버네티스 클러스터",
        (InputPlaceholder, En) => "type a command, e.g. kubectl get nodes",
        (InputPlaceholder, Ko) => "명령을 입력하세요. 예: kubectl get nodes",
        (Language, En) => "한국어",
        (Language, Ko) => "English",
        (NotYetAvailable, En) => "is not available in this playground yet",
        (NotYetAvailable, Ko) => "은(는) 아직 이 플레이그라운드에서 쓸 수 없습니다",
        (ShellHelp, En) => concat!(
            "Kube Playground: a simulated two-node kubeadm cluster (controlplane, node01).\n",
            "\n",
            "  kubectl ...        talk to the cluster (try: kubectl get nodes, kubectl run nginx --image=nginx)\n",
            "  sleep N            let N seconds pass on the cluster clock\n",
            "  ls, cat, cd, ...   explore the node's files (/etc/kubernetes/manifests holds the static pods)\n",
            "  alias, export      shell conveniences (alias k=kubectl)\n",
            "  history, clear     your command history; clear the screen\n",
            "\n",
            "Everything runs in this browser tab: nothing is sent anywhere.\n",
        ),
        (ShellHelp, Ko) => concat!(
            "Kube Playground: 시뮬레이션된 노드 2개짜리 kubeadm 클러스터입니다 (controlplane, node01).\n",
            "\n",
            "  kubectl ...        클러스터와 대화합니다 (예: kubectl get nodes, kubectl run nginx --image=nginx)\n",
            "  sleep N            클러스터 시계를 N초 진행합니다\n",
            "  ls, cat, cd, ...   노드의 파일을 살펴봅니다 (/etc/kubernetes/manifests 에 스태틱 파드가 있습니다)\n",
            "  alias, export      셸 편의 기능 (alias k=kubectl)\n",
            "  history, clear     명령 기록; 화면 지우기\n",
            "\n",
            "모든 것이 이 브라우저 탭 안에서 실행됩니다. 아무것도 밖으로 보내지 않습니다.\n",
        ),
    }
}

/// `kubectl` with no command: the command overview, as kubectl v1.31 prints it.
pub fn kubectl_help() -> String {
    "kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller
  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller

Cluster Management Commands:
  certificate     Modify certificate resources
  cluster-info    Display cluster information
  top             Display resource (CPU/memory) usage
  cordon          Mark node as unschedulable
  uncordon        Mark node as schedulable
  drain           Drain node in preparation for maintenance
  taint           Update the taints on one or more nodes

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  attach          Attach to a running container
  exec            Execute a command in a container
  port-forward    Forward one or more local ports to a pod
  proxy           Run a proxy to the Kubernetes API server
  cp              Copy files and directories to and from containers
  auth            Inspect authorization
  debug           Create debugging sessions for troubleshooting workloads and nodes
  events          List events

Advanced Commands:
  diff            Diff the live version against a would-be applied version
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  replace         Replace a resource by file name or stdin
  wait            Experimental: Wait for a specific condition on one or many resources
  kustomize       Build a kustomization target from a directory or URL

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource
  completion      Output shell completion code for the specified shell (bash, zsh, fish, or powershell)

Subcommands provided by plugins:

Other Commands:
  api-resources   Print the supported API resources on the server
  api-versions    Print the supported API versions on the server, in the form of \"group/version\"
  config          Modify kubeconfig files
  plugin          Provides utilities for interacting with plugins
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use \"kubectl <command> --help\" for more information about a given command.
Use \"kubectl options\" for a list of global command-line options (applies to all commands).
"
    .to_string()
}
