#!/usr/bin/env python3
"""Writes tests/hostile/commands.txt: malformed and adversarial terminal lines, one per line.
Escapes: a line is taken literally except `\\xNN` sequences, which become that byte (so invalid
UTF-8 and control characters can be written here). Run it again after editing the lists."""
import itertools, os

cases = []
add = cases.append

# Shell syntax
for s in ["|", "||", "&&", ";", ";;", "&", "| grep x", "echo |", "echo ||", "echo &&", "echo ;;",
          "echo 'unterminated", 'echo "unterminated', "echo `unterminated", "echo $(unterminated",
          "echo ${", "echo ${x", "echo ${!}", "echo ${#}", "echo $((1/0))", "echo $((", "echo $((1+))",
          "echo $(( 2 ** 64 ))", "echo $(( 9223372036854775807 + 1 ))", ">", ">>", "<", "2>", "2>&", "&>",
          "echo >", "echo > /", "echo > /etc/kubernetes/manifests", "cat <", "cat < /nope", "cat <<", "cat <<EOF",
          "cat <<'EOF'", "<<<", "echo <<<", "((", "))", "{", "}", "( )", "()", "( echo", "echo )", "if", "then", "fi",
          "if true", "if true; then", "for", "for x", "for x in", "for x in 1 2 3; do", "done", "while", "while true; do echo",
          "until", "case", "case x in", "esac", "function", "f() {", "f() { f; }; f", "!", "! !", "!!", "!-1", "!999999",
          "!x", "history -c; !!", "alias", "alias =", "alias a=", "alias a=a; a", "alias a=b b=a; a", "unalias", "unalias nope",
          "export", "export =", "export 1x=2", "export PATH=", "unset PATH; ls", "unset HOME; cd", "cd", "cd -", "cd ''",
          "cd /nope", "cd /etc/hostname", "cd ..; cd ..; cd ..; pwd", "pwd -Z", "source", "source /nope", ". /nope", ".",
          "source /etc/hostname", "exec", "eval", "eval 'echo hi'", "trap", "set -e", "set -x", "shopt", "ulimit",
          "kill -9 $$", "jobs", "fg", "bg", "wait", "sleep", "sleep -1", "sleep abc", "sleep 1e9", "sleep 99999999999999999999",
          "sleep inf", "sleep infinity", "sleep 0.0001", "sleep 1m2s", "true | false | true", "false || false || true",
          "echo $?", "echo $$", "echo $!", "echo $0", "echo $#", "echo $@", "echo $*", "echo $-", "echo ~", "echo ~nope",
          "echo *", "echo /*/*/*", "echo **", "echo [", "echo [a-", "echo {a,b}", "echo {1..5}", "echo {1..100000}",
          "echo \\", "echo \\\\", "echo '\\'", 'echo "\\"', "echo '", "echo ''''", 'echo """"', "echo $'\\n'", "echo -e '\\x00'",
          "printf", "printf %", "printf '%d' abc", "printf '%s%s%s%s%s%s%s%s%s%s%s%s'", "printf '%9999999999d' 1", "printf '%*d' 5",
          ]:
    add(s)
# Utilities with odd arguments
for u in ["ls", "cat", "grep", "sed", "awk", "cut", "tr", "sort", "uniq", "head", "tail", "wc", "base64", "tee", "seq",
          "mkdir", "rm", "cp", "mv", "touch", "date", "env", "which", "type", "echo", "printf", "history"]:
    for a in ["", "-", "--", "---", "-Z", "--nope", "/nope", "''", "'*'", "-n -1", "-n 99999999999999999999", "\\x01"]:
        add(f"{u} {a}".rstrip())
for s in ["grep '('", "grep '['", "grep -E '(a|'", "grep -E 'a{99999999}'", "grep -E '(a*)*b' /etc/kubernetes/manifests/etcd.yaml",
          "grep -E '((((((((((a))))))))))'", "grep -r x /", "sed 's/a/b'", "sed 's'", "sed 'y/abc/de/'", "sed -n '1,$p' /nope",
          "sed 's/\\(/x/'", "awk '{'", "awk '{print $99999}'", "awk 'BEGIN{while(1){}}'", "awk 'BEGIN{x[1]=1; for(;;)x[1]++}'",
          "cut -d", "cut -f 0", "cut -c 5-1", "tr", "tr a", "tr -d", "sort -k 0", "sort -k abc", "seq 1 0", "seq 0 0 0",
          "seq 1 1 99999999", "seq 1e308", "seq -- -5", "head -c", "tail -n +0", "base64 -d <<< '!!!!'", "base64 -d <<< 'a'",
          "seq 100000 | sort -n | uniq -c | wc -l", "yes", "yes | head -3", "cat /dev/zero", "cat /dev/urandom", "cat /proc/self/mem",
          "rm -rf /", "rm -rf /*", "rm -rf /etc/kubernetes/manifests; ls /etc/kubernetes", "mkdir -p " + "/a" * 300,
          "touch " + "x" * 5000, "echo " + "A" * 100000, "echo $(echo $(echo $(echo $(echo $(echo hi)))))",
          "echo " + "$(" * 200 + "x" + ")" * 200, "echo " + "'a'" * 5000, "echo " + '"$x"' * 3000,
          "for i in $(seq 1 100000); do echo $i; done | tail -1", "while true; do echo x; done | head -2", "while true; do :; done",
          "for ((;;)); do echo; done", "f() { f; }; f", "x() { x | x; }; x", ":(){ :|:& };:", "cat /etc/kubernetes/manifests/*",
          "ls -laR /", "ls -R / | wc -l", "echo hi > /dev/null", "echo hi > /dev/full", "echo hi >> /", "echo hi > ''",
          "vi", "vim /nope/x", "nano", "ssh", "ssh node99", "exit 999", "exit abc", "logout"]:
    add(s)
# Control characters and encodings
for b in list(range(0, 32)) + [127]:
    if b in (10, 13):
        continue
    add(f"echo a\\x{b:02x}b")
    add(f"kubectl get pods\\x{b:02x}")
for s in ["\\xff", "\\xfe\\xff", "echo \\xc3\\x28", "echo \\xe2\\x82", "kubectl get po\\xc0\\xafds", "\\xef\\xbb\\xbfkubectl get pods",
          "kubectl get pods\\x00-A", "echo 한국어", "kubectl get 파드", "kubectl run 파드 --image=nginx", "echo 🙂", "kubectl run x --image=🙂",
          "kubectl get pods -n \\xe2\\x80\\x8b", "kubectl\\xc2\\xa0get pods", "echo \\x1b[31mred\\x1b[0m", "echo \\x1b]0;title\\x07",
          "\\x1b[2J", "\\x08\\x08\\x08", "echo <script>alert(1)</script>", "echo '<img src=x onerror=alert(1)>'",
          "kubectl run '<script>' --image=nginx", "kubectl get pods '<b>'", "echo javascript:alert(1)"]:
    add(s)
# kubectl argument abuse
kc = ["", "-", "--", "---", "-h", "--help", "help", "get", "get -", "get --", "get ''", "get ' '", "get ,", "get ,,", "get pods,",
      "get ,pods", "get pods/", "get /pods", "get pods/a/b", "get pods a/b", "get pod/", "get all,all", "get all -o yaml -A",
      "get pods -o", "get pods -o ''", "get pods -o nope", "get pods -o jsonpath", "get pods -o jsonpath=", "get pods -o 'jsonpath={'",
      "get pods -o 'jsonpath={.items[}'", "get pods -o 'jsonpath={range}'", "get pods -o custom-columns=", "get pods -o custom-columns=A",
      "get pods -o custom-columns=A:.x,B", "get pods -o go-template", "get pods -o go-template='{{'", "get pods -o go-template='{{.x.y.z}}'",
      "get pods -o go-template='{{range .items}}'", "get pods --sort-by", "get pods --sort-by=.nope", "get pods --sort-by='{'",
      "get pods -l", "get pods -l '='", "get pods -l '!'", "get pods -l 'a in ('", "get pods -l 'a in (b'", "get pods -l ',,,'",
      "get pods -l " + "a=b," * 500, "get pods --field-selector", "get pods --field-selector=x", "get pods --field-selector='=='",
      "get pods -n", "get pods -n ''", "get pods -n ' '", "get pods -n " + "x" * 300, "get pods -n ../..", "get pods -A -n x",
      "get pods --all-namespaces=2", "get pods -w", "get pods --watch-only", "get pods --chunk-size=-1", "get pods --chunk-size=abc",
      "get pods --request-timeout=abc", "get pods -v=99", "get pods -v=abc", "get pods --v=-1", "get --raw /", "get --raw",
      "run", "run x", "run x --image", "run x --image=", "run x --image=' '", "run x --image=nginx --port=abc", "run x --image=nginx --port=99999999",
      "run x --image=nginx --port=-1", "run x --image=nginx --restart", "run x --image=nginx --env", "run x --image=nginx --env==",
      "run x --image=nginx --labels=", "run x --image=nginx --labels=a", "run x --image=nginx --labels==b", "run x --image=nginx --labels=a=b=c",
      "run x --image=nginx --dry-run=maybe", "run x --image=nginx -o nope", "run x --image=nginx --overrides='{'", "run x --image=nginx -- ",
      "run " + "x" * 300 + " --image=nginx", "run -x --image=nginx", "run --image=nginx", "run x y z --image=nginx",
      "run x --image=nginx --image=redis", "run x --image=NGINX", "run x --image='nginx:'", "run x --image=':tag'", "run x --image=a@b",
      "run x --image=nginx:" + "1" * 200, "create", "create nope", "create deployment", "create deployment x", "create deployment x --image=",
      "create deployment x --image=nginx --replicas=1000000000", "create deployment x --image=nginx --replicas=-5",
      "create deployment x --image=nginx --replicas=abc", "scale", "scale deploy", "scale deploy x", "scale deploy x --replicas=1000000000",
      "scale deploy coredns -n kube-system --replicas=1000000000", "scale deploy coredns -n kube-system --replicas=-1",
      "delete", "delete pods", "delete pod", "delete pod ''", "delete all", "delete all --all -A", "delete ns kube-system",
      "delete ns default", "delete node controlplane", "delete pod --all -n kube-system", "delete -f", "delete -f /nope",
      "apply", "apply -f", "apply -f ''", "apply -f /", "apply -f /dev/null", "apply -f -", "apply -f http://example.com/x.yaml",
      "apply -k .", "describe", "describe nope", "describe pods ''", "logs", "logs nope", "logs -f", "logs --tail=abc x",
      "exec", "exec x", "exec x --", "exec -it", "edit", "edit nope", "edit pod", "label", "label pod", "label pod x",
      "label pod x a", "label pod x =", "annotate", "taint", "taint node", "taint node node01", "taint node node01 x",
      "taint node node01 :NoSchedule", "cordon", "cordon nope", "drain", "drain nope", "rollout", "rollout nope", "rollout status",
      "rollout undo deploy/nope", "set", "set image", "set image deploy/x", "expose", "expose pod", "expose pod nope", "port-forward",
      "port-forward x", "port-forward x 99999999:1", "top", "top pod", "explain", "explain nope", "explain pod.nope.nope",
      "explain pod." + "spec." * 100, "config", "config use-context", "config use-context nope", "config set-context --current --namespace=",
      "config view --raw", "api-resources --api-group=", "api-resources -o nope", "version -o nope", "version --short",
      "auth", "auth can-i", "auth can-i '*' '*'", "wait", "wait --for=", "wait --for=condition=Ready pod/nope --timeout=abc",
      "diff", "diff -f /nope", "patch", "patch pod x -p '{'", "patch pod x --type=nope -p '{}'", "replace", "replace -f",
      "cp", "proxy", "attach", "debug", "certificate", "kustomize", "completion", "completion nope", "plugin", "plugin list",
      "options", "alpha", "events --for=", "events --types=Nope", "cluster-info dump", "autoscale", "autoscale deploy x --max=0"]
for a in kc:
    add(("kubectl " + a).rstrip())
    add(("k " + a).rstrip()) if a.startswith("get") else None
# Big pastes and many objects
add("kubectl get pods -o yaml | kubectl apply -f -")
add("kubectl get all -A -o json | kubectl apply -f -")
add("for i in $(seq 1 200); do kubectl run p$i --image=nginx; done | tail -1")
add("kubectl get pods -A | grep Running | wc -l")

os.chdir(os.path.dirname(os.path.abspath(__file__)))
seen = set()
with open("commands.txt", "w", encoding="utf-8") as f:
    for c in cases:
        if c in seen or "\n" in c:
            continue
        seen.add(c)
        f.write(c + "\n")
print(len(seen), "cases")
