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
    OutputTruncated,
    // The workspace (editor, cluster view, what happened, time controls).
    NewManifest,
    TimePause,
    TimePlay,
    TimeStep1,
    TimeStep10,
    TimeSpeed,
    ClusterClock,
    ClockPaused,
    ClusterViewTitle,
    AllNamespaces,
    NamespaceLabel,
    Unscheduled,
    ControlPlaneNode,
    WorkerNode,
    NodeNotReady,
    NodeCordoned,
    StaticPod,
    StaticPodHint,
    ControlPlaneComponent,
    NoPods,
    HiddenPods,
    Booting,
    DetailDescribe,
    DetailYaml,
    DetailLogs,
    Close,
    NoLogs,
    WhatHappenedTitle,
    WhatHappenedEmpty,
    StoryReadOnly,
    StoryFailed,
    StoryNoCluster,
    StoryExpired,
    StoryMore,
    StoryWaiting,
    StepCreate,
    StepUpdate,
    StepDelete,
    StepAdmitted,
    StepStored,
    StepRemoved,
    StepMirror,
    StepPodStatus,
    EvScalingReplicaSet,
    EvSuccessfulCreate,
    EvSuccessfulDelete,
    EvFailedCreate,
    EvScheduled,
    EvFailedScheduling,
    EvPulling,
    EvPulled,
    EvCreated,
    EvStarted,
    EvKilling,
    EvBackOff,
    EvFailed,
    EvOther,
    EditorSave,
    EditorApply,
    EditorUnsaved,
    EditorTab,
    EditorSyntax,
    EditorLine,
    EditorViHint,
    EditorPlainHint,
    EditorModified,
    EditorLabel,
    Restarts,
    TerminalLabel,
    // The lesson panel.
    Lessons,
    LessonsTitle,
    LessonBack,
    LessonStepOf,
    LessonPrev,
    LessonNext,
    LessonRun,
    LessonRunning,
    LessonHint,
    LessonSolution,
    LessonChecks,
    LessonReset,
    LessonStart,
    LessonInstructor,
    LessonDone,
    LessonAllDone,
    LessonUnavailable,
    LessonMinutes,
    LessonPrint,
    LessonClusterReset,
    LessonBeginner,
    LessonIntermediate,
    LessonAdvanced,
    LessonLoadFolder,
    LessonDropHint,
    LessonFolderProblems,
    ClusterReset,
    ClusterResetDone,
    LessonRestart,
    // Saving.
    SaveRestoreFailed,
    SaveDownload,
    SaveFull,
    // The playground as a file, export, share links.
    PlaygroundMenu,
    ExportPlayground,
    ImportPlayground,
    ExportYaml,
    ShareLink,
    ExportNothing,
    ImportDone,
    ImportFailed,
    PreviousPlayground,
    ShareCopied,
    ShareTooLarge,
    ShareFailed,
    ShareOpened,
    ShareBroken,
    // The page's look.
    ThemeLight,
    ThemeDark,
    FontSmaller,
    FontLarger,
    PaneCollapse,
    PaneExpand,
    ResizeColumns,
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
        (OutputTruncated, En) => "[kube-playground: output cut here, the line printed more than 2 MB]",
        (OutputTruncated, Ko) => "[kube-playground: 출력이 2 MB를 넘어 여기서 잘랐습니다]",
        (Language, En) => "한국어",
        (Language, Ko) => "English",
        (NotYetAvailable, En) => "is not available in this playground yet",
        (NotYetAvailable, Ko) => "은(는) 아직 이 플레이그라운드에서 쓸 수 없습니다",
        (NewManifest, En) => "New manifest",
        (NewManifest, Ko) => "새 매니페스트",
        (TimePause, En) => "Pause",
        (TimePause, Ko) => "일시정지",
        (TimePlay, En) => "Play",
        (TimePlay, Ko) => "재생",
        (TimeStep1, En) => "+1 s",
        (TimeStep1, Ko) => "+1초",
        (TimeStep10, En) => "+10 s",
        (TimeStep10, Ko) => "+10초",
        (TimeSpeed, En) => "Clock speed",
        (TimeSpeed, Ko) => "시계 속도",
        (ClusterClock, En) => "Cluster time",
        (ClusterClock, Ko) => "클러스터 시각",
        (ClockPaused, En) => "paused",
        (ClockPaused, Ko) => "멈춤",
        (ClusterViewTitle, En) => "Cluster",
        (ClusterViewTitle, Ko) => "클러스터",
        (AllNamespaces, En) => "All namespaces",
        (AllNamespaces, Ko) => "모든 네임스페이스",
        (NamespaceLabel, En) => "Namespace",
        (NamespaceLabel, Ko) => "네임스페이스",
        (Unscheduled, En) => "Waiting for a node",
        (Unscheduled, Ko) => "노드 배정 대기",
        (ControlPlaneNode, En) => "control plane",
        (ControlPlaneNode, Ko) => "컨트롤 플레인",
        (WorkerNode, En) => "worker",
        (WorkerNode, Ko) => "워커",
        (NodeNotReady, En) => "not ready",
        (NodeNotReady, Ko) => "준비 안 됨",
        (NodeCordoned, En) => "cordoned: no new pods",
        (NodeCordoned, Ko) => "cordon됨: 새 파드 없음",
        (StaticPod, En) => "static",
        (StaticPod, Ko) => "스태틱",
        (StaticPodHint, En) => "Static pod: the kubelet runs it from a file in /etc/kubernetes/manifests; the API only shows a mirror of it",
        (StaticPodHint, Ko) => "스태틱 파드: kubelet이 /etc/kubernetes/manifests 의 파일로 직접 실행하며, API에는 미러 파드로만 보입니다",
        (ControlPlaneComponent, En) => "control-plane component",
        (ControlPlaneComponent, Ko) => "컨트롤 플레인 구성 요소",
        (NoPods, En) => "no pods",
        (NoPods, Ko) => "파드 없음",
        (HiddenPods, En) => "{n} more pods not drawn",
        (HiddenPods, Ko) => "파드 {n}개는 그리지 않았습니다",
        (Booting, En) => "Starting the cluster…",
        (Booting, Ko) => "클러스터를 시작하는 중…",
        (DetailDescribe, En) => "Describe",
        (DetailDescribe, Ko) => "Describe",
        (DetailYaml, En) => "YAML",
        (DetailYaml, Ko) => "YAML",
        (DetailLogs, En) => "Logs",
        (DetailLogs, Ko) => "로그",
        (Close, En) => "Close",
        (Close, Ko) => "닫기",
        (NoLogs, En) => "(no logs yet)",
        (NoLogs, Ko) => "(아직 로그 없음)",
        (WhatHappenedTitle, En) => "What happened",
        (WhatHappenedTitle, Ko) => "무슨 일이 있었나",
        (WhatHappenedEmpty, En) => "Run a command: what each part of the cluster did about it appears here, step by step.",
        (WhatHappenedEmpty, Ko) => "명령을 실행하면 클러스터의 각 구성 요소가 한 일이 여기에 단계별로 나타납니다.",
        (StoryReadOnly, En) => "kubectl only read from the API server: nothing in the cluster changed.",
        (StoryReadOnly, Ko) => "kubectl이 API 서버에서 읽기만 했습니다. 클러스터는 바뀌지 않았습니다.",
        (StoryFailed, En) => "kubectl stopped with an error (see the terminal): nothing was stored.",
        (StoryFailed, Ko) => "kubectl이 오류로 멈췄습니다(터미널 참고). 저장된 것이 없습니다.",
        (StoryNoCluster, En) => "This command ran in the node's shell and did not talk to the cluster.",
        (StoryNoCluster, Ko) => "이 명령은 노드의 셸에서 실행되었고 클러스터와 통신하지 않았습니다.",
        (StoryExpired, En) => "So much has happened since that the watch history no longer reaches back to this command.",
        (StoryExpired, Ko) => "그 뒤로 일이 너무 많이 일어나 이 명령까지의 감시(watch) 기록이 남아 있지 않습니다.",
        (StoryMore, En) => "…and {n} more steps",
        (StoryMore, Ko) => "…그리고 {n}단계 더",
        (StoryWaiting, En) => "The cluster has not reacted yet; let the clock run.",
        (StoryWaiting, Ko) => "클러스터가 아직 반응하지 않았습니다. 시계를 진행해 보세요.",
        (StepCreate, En) => "asks the API server to create {kind} {name}",
        (StepCreate, Ko) => "API 서버에 {kind} {name} 생성을 요청합니다",
        (StepUpdate, En) => "asks the API server to change {kind} {name}",
        (StepUpdate, Ko) => "API 서버에 {kind} {name} 변경을 요청합니다",
        (StepDelete, En) => "asks the API server to delete {kind} {name}",
        (StepDelete, Ko) => "API 서버에 {kind} {name} 삭제를 요청합니다",
        (StepAdmitted, En) => "authenticates the request, runs admission (defaults, namespace, service account) and validates the {kind}: accepted",
        (StepAdmitted, Ko) => "요청을 인증하고 어드미션(기본값, 네임스페이스, 서비스 어카운트)과 {kind} 검증을 거칩니다: 통과",
        (StepStored, En) => "stores {kind} {name} (resourceVersion {rv})",
        (StepStored, Ko) => "{kind} {name}을(를) 저장합니다 (resourceVersion {rv})",
        (StepRemoved, En) => "removes {kind} {name}",
        (StepRemoved, Ko) => "{kind} {name}을(를) 지웁니다",
        (StepMirror, En) => "starts static pod {name} from its manifest file and publishes a mirror pod to the API",
        (StepMirror, Ko) => "매니페스트 파일로 스태틱 파드 {name}을(를) 시작하고 미러 파드를 API에 올립니다",
        (StepPodStatus, En) => "reports pod {name} as {status}",
        (StepPodStatus, Ko) => "파드 {name}의 상태를 {status}(으)로 보고합니다",
        (EvScalingReplicaSet, En) => "scales a ReplicaSet of Deployment {name}",
        (EvScalingReplicaSet, Ko) => "디플로이먼트 {name}의 레플리카셋 크기를 조정합니다",
        (EvSuccessfulCreate, En) => "creates a pod for {kind} {name}",
        (EvSuccessfulCreate, Ko) => "{kind} {name}의 파드를 만듭니다",
        (EvSuccessfulDelete, En) => "deletes a pod of {kind} {name}",
        (EvSuccessfulDelete, Ko) => "{kind} {name}의 파드를 지웁니다",
        (EvFailedCreate, En) => "cannot create a pod for {kind} {name}",
        (EvFailedCreate, Ko) => "{kind} {name}의 파드를 만들지 못했습니다",
        (EvScheduled, En) => "picks a node for pod {name} and binds the pod to it",
        (EvScheduled, Ko) => "파드 {name}을(를) 둘 노드를 고르고 바인딩합니다",
        (EvFailedScheduling, En) => "finds no node that fits pod {name}",
        (EvFailedScheduling, Ko) => "파드 {name}이(가) 들어갈 노드를 찾지 못했습니다",
        (EvPulling, En) => "pulls the image for pod {name}",
        (EvPulling, Ko) => "파드 {name}의 이미지를 내려받습니다",
        (EvPulled, En) => "has the image for pod {name}",
        (EvPulled, Ko) => "파드 {name}의 이미지가 준비되었습니다",
        (EvCreated, En) => "creates the container of pod {name}",
        (EvCreated, Ko) => "파드 {name}의 컨테이너를 만듭니다",
        (EvStarted, En) => "starts the container of pod {name}",
        (EvStarted, Ko) => "파드 {name}의 컨테이너를 시작합니다",
        (EvKilling, En) => "stops the container of pod {name}",
        (EvKilling, Ko) => "파드 {name}의 컨테이너를 멈춥니다",
        (EvBackOff, En) => "waits before trying pod {name} again (back-off)",
        (EvBackOff, Ko) => "파드 {name}을(를) 다시 시도하기 전에 기다립니다 (back-off)",
        (EvFailed, En) => "reports a failure of pod {name}",
        (EvFailed, Ko) => "파드 {name}의 실패를 보고합니다",
        (EvOther, En) => "records {reason} for {kind} {name}",
        (EvOther, Ko) => "{kind} {name}에 대해 {reason}을(를) 기록합니다",
        (EditorSave, En) => "Save",
        (EditorSave, Ko) => "저장",
        (EditorApply, En) => "Apply",
        (EditorApply, Ko) => "적용",
        (EditorUnsaved, En) => "Unsaved changes: press Close again to throw them away.",
        (EditorUnsaved, Ko) => "저장하지 않은 변경이 있습니다. 버리려면 닫기를 한 번 더 누르세요.",
        (EditorTab, En) => "Tab character: YAML indents with spaces only",
        (EditorTab, Ko) => "탭 문자: YAML 들여쓰기에는 공백만 쓸 수 있습니다",
        (EditorSyntax, En) => "YAML syntax error",
        (EditorSyntax, Ko) => "YAML 문법 오류",
        (EditorLine, En) => "Line {line}",
        (EditorLine, Ko) => "{line}번째 줄",
        (EditorViHint, En) => "vi: i to type · Esc to stop typing · :w save · :q quit · :wq save and quit",
        (EditorViHint, Ko) => "vi: i 입력 시작 · Esc 입력 끝 · :w 저장 · :q 나가기 · :wq 저장 후 나가기",
        (EditorPlainHint, En) => "Tab inserts two spaces · Ctrl+S saves",
        (EditorPlainHint, Ko) => "Tab은 공백 두 칸 · Ctrl+S 저장",
        (EditorModified, En) => "modified",
        (EditorModified, Ko) => "수정됨",
        (EditorLabel, En) => "Editor",
        (EditorLabel, Ko) => "편집기",
        (Restarts, En) => "restarts",
        (Restarts, Ko) => "재시작",
        (TerminalLabel, En) => "Terminal",
        (TerminalLabel, Ko) => "터미널",
        (Lessons, En) => "Lessons",
        (Lessons, Ko) => "레슨",
        (LessonsTitle, En) => "Lessons",
        (LessonsTitle, Ko) => "레슨 목록",
        (LessonBack, En) => "All lessons",
        (LessonBack, Ko) => "레슨 목록으로",
        (LessonStepOf, En) => "Step",
        (LessonStepOf, Ko) => "단계",
        (LessonPrev, En) => "Previous",
        (LessonPrev, Ko) => "이전",
        (LessonNext, En) => "Next",
        (LessonNext, Ko) => "다음",
        (LessonRun, En) => "Run",
        (LessonRun, Ko) => "실행",
        (LessonRunning, En) => "Runs in the terminal",
        (LessonRunning, Ko) => "터미널에서 실행합니다",
        (LessonHint, En) => "Hint",
        (LessonHint, Ko) => "힌트",
        (LessonSolution, En) => "Solution",
        (LessonSolution, Ko) => "정답",
        (LessonChecks, En) => "Checks",
        (LessonChecks, Ko) => "확인 항목",
        (LessonReset, En) => "Reset this step",
        (LessonReset, Ko) => "이 단계 다시 시작",
        (LessonStart, En) => "Start",
        (LessonStart, Ko) => "시작",
        (LessonInstructor, En) => "Instructor view",
        (LessonInstructor, Ko) => "강사용 보기",
        (LessonDone, En) => "Done",
        (LessonDone, Ko) => "완료",
        (LessonAllDone, En) => "Every check passes. On to the next step!",
        (LessonAllDone, Ko) => "모든 확인 항목을 통과했습니다. 다음 단계로 가세요!",
        (LessonUnavailable, En) => "not available in this playground yet",
        (LessonUnavailable, Ko) => "이 플레이그라운드에서는 아직 실행할 수 없습니다",
        (LessonMinutes, En) => "min",
        (LessonMinutes, Ko) => "분",
        (LessonPrint, En) => "Print",
        (LessonPrint, Ko) => "인쇄",
        (LessonClusterReset, En) => "(a fresh cluster for this lesson step)",
        (LessonClusterReset, Ko) => "(이 레슨 단계를 위해 새 클러스터를 준비했습니다)",
        (LessonBeginner, En) => "beginner",
        (LessonBeginner, Ko) => "입문",
        (LessonIntermediate, En) => "intermediate",
        (LessonIntermediate, Ko) => "중급",
        (LessonAdvanced, En) => "advanced",
        (LessonAdvanced, Ko) => "고급",
        (ClusterReset, En) => "Start a fresh cluster",
        (ClusterReset, Ko) => "새 클러스터로 시작",
        (ClusterResetDone, En) => "A fresh cluster: everything from before is gone.",
        (ClusterResetDone, Ko) => "새 클러스터입니다. 이전에 만든 것은 모두 사라졌습니다.",
        (LessonRestart, En) => "Restart the lesson",
        (LessonRestart, Ko) => "레슨 처음부터",
        (LessonLoadFolder, En) => "Open a lesson folder…",
        (LessonLoadFolder, Ko) => "레슨 폴더 열기…",
        (LessonDropHint, En) => "Or drop a lesson's files (lesson.yaml and its .md files) here.",
        (LessonDropHint, Ko) => "또는 레슨 파일(lesson.yaml 과 .md 파일들)을 여기에 끌어다 놓으세요.",
        (LessonFolderProblems, En) => "This lesson folder cannot be opened:",
        (LessonFolderProblems, Ko) => "이 레슨 폴더를 열 수 없습니다:",
        (SaveRestoreFailed, En) => "Your saved playground could not be restored ({why}), so a fresh cluster started. Keep the old save:",
        (SaveRestoreFailed, Ko) => "저장된 플레이그라운드를 복원할 수 없어({why}) 새 클러스터로 시작했습니다. 이전 저장본 보관:",
        (PlaygroundMenu, En) => "Playground",
        (PlaygroundMenu, Ko) => "플레이그라운드",
        (ExportPlayground, En) => "Save to a file",
        (ExportPlayground, Ko) => "파일로 저장",
        (ImportPlayground, En) => "Open a file…",
        (ImportPlayground, Ko) => "파일 열기…",
        (ExportYaml, En) => "Export my objects as YAML",
        (ExportYaml, Ko) => "내 오브젝트를 YAML로 내보내기",
        (ShareLink, En) => "Copy a share link",
        (ShareLink, Ko) => "공유 링크 복사",
        (ExportNothing, En) => "No objects of your own yet: create some with kubectl first.",
        (ExportNothing, Ko) => "아직 직접 만든 오브젝트가 없습니다. 먼저 kubectl로 만들어 보세요.",
        (ImportDone, En) => "Opened the playground file.",
        (ImportDone, Ko) => "플레이그라운드 파일을 열었습니다.",
        (ImportFailed, En) => "This file is not a playground save ({why}); nothing was changed.",
        (ImportFailed, Ko) => "플레이그라운드 저장 파일이 아닙니다({why}). 아무것도 바뀌지 않았습니다.",
        (PreviousPlayground, En) => "Your previous playground:",
        (PreviousPlayground, Ko) => "이전 플레이그라운드:",
        (ShareCopied, En) => "Share link copied. Anyone who opens it gets this cluster, files and lesson step:",
        (ShareCopied, Ko) => "공유 링크를 복사했습니다. 링크를 연 사람은 이 클러스터와 파일, 레슨 단계를 그대로 받습니다:",
        (ShareTooLarge, En) => "This playground is too large for a link. Use \"Save to a file\" and share the file instead.",
        (ShareTooLarge, Ko) => "링크에 담기에는 플레이그라운드가 너무 큽니다. \"파일로 저장\"으로 파일을 만들어 공유하세요.",
        (ShareFailed, En) => "This browser cannot compress a share link; use \"Save to a file\" instead.",
        (ShareFailed, Ko) => "이 브라우저는 공유 링크를 압축할 수 없습니다. \"파일로 저장\"을 사용하세요.",
        (ShareOpened, En) => "Opened a shared playground.",
        (ShareOpened, Ko) => "공유된 플레이그라운드를 열었습니다.",
        (ShareBroken, En) => "This share link could not be opened ({why}); your own playground is kept.",
        (ShareBroken, Ko) => "공유 링크를 열 수 없습니다({why}). 기존 플레이그라운드는 그대로입니다.",
        (ThemeLight, En) => "Light",
        (ThemeLight, Ko) => "밝게",
        (ThemeDark, En) => "Dark",
        (ThemeDark, Ko) => "어둡게",
        (FontSmaller, En) => "Smaller text",
        (FontSmaller, Ko) => "글자 작게",
        (FontLarger, En) => "Larger text",
        (FontLarger, Ko) => "글자 크게",
        (PaneCollapse, En) => "Fold this pane",
        (PaneCollapse, Ko) => "이 창 접기",
        (PaneExpand, En) => "Open this pane",
        (PaneExpand, Ko) => "이 창 펼치기",
        (ResizeColumns, En) => "Drag (or use ← →) to give the terminal or the cluster more room",
        (ResizeColumns, Ko) => "끌어서(또는 ← →) 터미널과 클러스터 영역의 너비를 바꿉니다",
        (SaveDownload, En) => "download it",
        (SaveDownload, Ko) => "내려받기",
        (SaveFull, En) => "The browser's storage is full or disabled: this playground is not being saved.",
        (SaveFull, Ko) => "브라우저 저장 공간이 가득 찼거나 꺼져 있어 이 플레이그라운드를 저장하지 못하고 있습니다.",
        (ShellHelp, En) => concat!(
            "Kube Playground: a simulated two-node kubeadm cluster (controlplane, node01).\n",
            "\n",
            "  kubectl ...        talk to the cluster (try: kubectl get nodes, kubectl run nginx --image=nginx)\n",
            "  sleep N            let N seconds pass on the cluster clock\n",
            "  ls, cat, cd, ...   explore the node's files (/etc/kubernetes/manifests holds the static pods)\n",
            "  ssh node01, exit   log in to the worker node and come back (scp copies files between nodes)\n",
            "  crictl, systemctl  the node's containers and its kubelet (crictl ps, systemctl status kubelet)\n",
            "  etcdctl, kubeadm   etcd backups and restores, join tokens, certificates (etcdctl snapshot save)\n",
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
            "  ssh node01, exit   워커 노드에 접속했다가 돌아옵니다 (scp 로 노드 사이에 파일을 복사합니다)\n",
            "  crictl, systemctl  노드의 컨테이너와 kubelet 을 봅니다 (crictl ps, systemctl status kubelet)\n",
            "  etcdctl, kubeadm   etcd 백업과 복원, join 토큰, 인증서 (etcdctl snapshot save)\n",
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
