//! The image registry: which images exist, with which tags, how big they are and what their
//! process does when started. Unknown repositories and tags fail to pull as they do on a real
//! registry.

use serde::{Deserialize, Serialize};

/// What the image's default process does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Behaviour {
    /// A server: runs until stopped.
    Serve,
    /// Runs a shell or a one-shot command and exits with this code straight away.
    ExitAfterMs(i64, i32),
}

/// The userland an image ships: which shell `kubectl exec` finds and which tools are on `$PATH`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Base {
    /// Debian or Ubuntu: `bash`, `sh` (dash), coreutils; no `wget`, `nslookup` or `ping`.
    #[default]
    Debian,
    /// Alpine: BusyBox `sh` (ash) with `wget`, `nslookup`, `ping`; no `bash`.
    Alpine,
    /// BusyBox: the same applets as Alpine.
    Busybox,
    /// Distroless or scratch: no shell at all.
    Distroless,
}

/// What the image's server answers (see `container::serve_http`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum App {
    /// Nothing listens.
    #[default]
    None,
    /// nginx: files under /usr/share/nginx/html, its 404 page.
    Nginx,
    /// Apache httpd: files under /usr/local/apache2/htdocs.
    Httpd,
    /// `Hello Kubernetes bootcamp! | Running on: <pod> | v=<n>`.
    Bootcamp,
    /// Google's hello-app: `Hello, world!`, version and hostname.
    HelloApp,
    /// A control-plane component or add-on: health endpoints answer `ok`.
    Health,
    /// A TCP server that does not speak HTTP (redis, databases).
    Tcp,
    /// A fixed body for every path (lessons add such images).
    Text(String),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Image {
    /// Normalised repository (`docker.io/library/nginx`).
    pub repository: String,
    pub tags: Vec<String>,
    pub size_bytes: u64,
    pub behaviour: Behaviour,
    pub ports: Vec<u16>,
    /// The first lines the process logs. `{hostname}`, `{ip}`, `{version}` and `{date}`
    /// (nginx's `2026/11/22 10:00:00`) are filled in when the container starts.
    pub log_lines: Vec<String>,
    #[serde(default)]
    pub base: Base,
    /// Tools on `$PATH` besides the base's (`curl` in nginx).
    #[serde(default)]
    pub tools: Vec<String>,
    #[serde(default)]
    pub app: App,
    /// Pulling needs credentials (an `imagePullSecrets` entry for the registry host).
    #[serde(default)]
    pub private: bool,
    /// Environment variables the image sets (`ENV` in its Dockerfile).
    #[serde(default)]
    pub env: Vec<(String, String)>,
}

/// A parsed image reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    /// `docker.io/library/nginx`
    pub repository: String,
    /// `latest` when none was given.
    pub tag: String,
    pub digest: Option<String>,
}

impl ImageRef {
    /// `docker.io/library/nginx:latest`
    pub fn full(&self) -> String {
        match &self.digest {
            Some(d) => format!("{}@{}", self.repository, d),
            None => format!("{}:{}", self.repository, self.tag),
        }
    }
}

/// The registry host of a reference (`docker.io`, `registry.example.com`).
pub fn registry_host(r: &ImageRef) -> &str {
    r.repository.split('/').next().unwrap_or("")
}

impl Image {
    /// An image that runs a server on `port` answering `body` for every path (for lessons).
    pub fn server(repository: &str, tags: &[&str], port: u16, body: &str) -> Image {
        let mut image = img(repository, tags, 10, Behaviour::Serve, &[port], &[]);
        image.app = App::Text(body.to_string());
        image
    }
}

/// Normalises a reference as containerd does (`nginx` → `docker.io/library/nginx:latest`).
/// None for a reference that is not valid (the kubelet reports InvalidImageName).
pub fn parse_ref(image: &str) -> Option<ImageRef> {
    if image.is_empty() || image.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let (rest, digest) = match image.split_once('@') {
        Some((r, d)) => (r, Some(d.to_string())),
        None => (image, None),
    };
    let last_slash = rest.rfind('/').map(|i| i + 1).unwrap_or(0);
    let (repo, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => (
            &rest[..last_slash + i],
            rest[last_slash + i + 1..].to_string(),
        ),
        None => (rest, "latest".to_string()),
    };
    if repo.is_empty() || tag.is_empty() || repo.ends_with('/') || repo.starts_with('/') {
        return None;
    }
    let first = repo.split('/').next().unwrap_or("");
    let has_host =
        repo.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    let path = if has_host {
        repo.split_once('/').map(|(_, p)| p).unwrap_or("")
    } else {
        repo
    };
    if path.chars().any(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let repository = if has_host {
        repo.to_string()
    } else if repo.contains('/') {
        format!("docker.io/{repo}")
    } else {
        format!("docker.io/library/{repo}")
    };
    Some(ImageRef {
        repository,
        tag,
        digest,
    })
}

fn img(
    repo: &str,
    tags: &[&str],
    size_mb: u64,
    behaviour: Behaviour,
    ports: &[u16],
    logs: &[&str],
) -> Image {
    Image {
        repository: parse_ref(repo)
            .map(|r| r.repository)
            .unwrap_or_else(|| repo.to_string()),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        size_bytes: size_mb * 1_000_000 + (repo.len() as u64 * 7919) % 1_000_000,
        behaviour,
        ports: ports.to_vec(),
        log_lines: logs.iter().map(|l| l.to_string()).collect(),
        base: Base::Debian,
        tools: vec![],
        app: if ports.is_empty() {
            App::None
        } else {
            App::Tcp
        },
        private: false,
        env: vec![],
    }
}

/// What each well-known image is like inside: its userland, extra tools, what it serves and the
/// environment its Dockerfile sets.
fn profile(image: &mut Image) {
    let name = image
        .repository
        .trim_start_matches("docker.io/library/")
        .trim_start_matches("docker.io/")
        .to_string();
    let tools = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    match name.as_str() {
        "nginx" => {
            image.app = App::Nginx;
            image.tools = tools(&["curl"]);
            image.env = vec![
                ("NGINX_VERSION".into(), "{version}".into()),
                ("NJS_VERSION".into(), "0.8.7".into()),
                ("NJS_RELEASE".into(), "1~bookworm".into()),
                ("PKG_RELEASE".into(), "1~bookworm".into()),
                ("DYNPKG_RELEASE".into(), "1~bookworm".into()),
            ];
        }
        "httpd" => {
            image.app = App::Httpd;
            image.env = vec![
                ("HTTPD_PREFIX".into(), "/usr/local/apache2".into()),
                ("HTTPD_VERSION".into(), "2.4.62".into()),
            ];
        }
        "busybox" | "registry.k8s.io/busybox" => image.base = Base::Busybox,
        "alpine" => image.base = Base::Alpine,
        "nicolaka/netshoot" => {
            image.base = Base::Alpine;
            image.tools = tools(&["bash", "curl", "dig", "host", "nc", "tcpdump"]);
        }
        "curlimages/curl" => {
            image.base = Base::Alpine;
            image.tools = tools(&["curl"]);
        }
        "node" | "python" | "golang" | "openjdk" | "centos" | "fedora" => {
            image.tools = tools(&["curl", "wget"]);
        }
        "gcr.io/google-samples/kubernetes-bootcamp" | "jocatalin/kubernetes-bootcamp" => {
            image.app = App::Bootcamp;
            image.tools = tools(&["curl", "wget"]);
        }
        "gcr.io/google-samples/hello-app"
        | "us-docker.pkg.dev/google-samples/containers/gke/hello-app" => {
            image.app = App::HelloApp;
            image.base = Base::Distroless;
        }
        "kodekloud/webapp-color" | "cloudnatived/demo" => {
            image.app = App::Text(String::new());
            image.base = Base::Alpine;
        }
        "registry.example.com/private/app" => {
            image.app = App::Text("Hello from the private registry!\n".into());
            image.base = Base::Alpine;
            image.private = true;
        }
        "k8s.gcr.io/echoserver" | "registry.k8s.io/echoserver" => {
            image.app = App::Text(String::new())
        }
        "registry.k8s.io/e2e-test-images/agnhost" => {
            image.app = App::Text(String::new());
            image.base = Base::Alpine;
        }
        "registry.k8s.io/pause" => image.base = Base::Distroless,
        "registry.k8s.io/kube-apiserver"
        | "registry.k8s.io/kube-controller-manager"
        | "registry.k8s.io/kube-scheduler"
        | "registry.k8s.io/etcd"
        | "registry.k8s.io/coredns/coredns"
        | "registry.k8s.io/metrics-server/metrics-server" => {
            image.app = App::Health;
            image.base = Base::Distroless;
        }
        "registry.k8s.io/kube-proxy" | "docker.io/flannel/flannel" | "flannel/flannel" => {
            image.base = Base::Debian;
        }
        "tomcat" | "traefik" | "haproxy" | "caddy" | "wordpress" => {
            image.app = App::Text(String::new());
        }
        _ => {}
    }
    // Ports the Health components listen on besides their main one.
    match name.as_str() {
        "registry.k8s.io/etcd" => image.ports = vec![2379, 2380, 2381],
        "registry.k8s.io/coredns/coredns" => image.ports = vec![53, 8080, 8181, 9153],
        "registry.k8s.io/kube-proxy" => image.ports = vec![10249, 10256],
        _ => {}
    }
}

/// The version string an image reports (nginx's `Server:` header, `NGINX_VERSION`).
pub fn version_of(r: &ImageRef) -> String {
    let repo = r.repository.as_str();
    if repo == "docker.io/library/nginx" {
        let tag = r.tag.trim_end_matches("-alpine");
        return match tag {
            "1.27" | "latest" | "mainline" | "alpine" | "" => "1.27.3",
            "stable" | "1.26" => "1.26.2",
            "1.25" => "1.25.5",
            "1.24" => "1.24.0",
            "1.23" => "1.23.4",
            "1.21" => "1.21.6",
            "1.19" => "1.19.10",
            "1.17" => "1.17.10",
            "1.16" => "1.16.1",
            t if t.split('.').count() == 3 => t,
            _ => "1.27.3",
        }
        .to_string();
    }
    if repo.ends_with("kubernetes-bootcamp") {
        return if r.tag == "v2" { "2" } else { "1" }.to_string();
    }
    if repo.ends_with("hello-app") {
        return if r.tag.starts_with('2') {
            "2.0.0"
        } else {
            "1.0.0"
        }
        .to_string();
    }
    r.tag.clone()
}

/// The base of an image at a tag: `-alpine` tags of Debian images are Alpine.
pub fn base_of(image: &Image, r: &ImageRef) -> Base {
    if image.base == Base::Debian && r.tag.contains("alpine") {
        Base::Alpine
    } else {
        image.base
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Registry {
    pub images: Vec<Image>,
}

impl Default for Registry {
    fn default() -> Self {
        Registry::well_known()
    }
}

impl Registry {
    /// About forty images learners meet in tutorials, with real tags.
    pub fn well_known() -> Registry {
        use Behaviour::*;
        let shell = ExitAfterMs(0, 0);
        let nginx_logs: &[&str] = &[
            "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration",
            "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
            "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
            "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
            "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf",
            "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
            "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
            "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
            "/docker-entrypoint.sh: Configuration complete; ready for start up",
            "{date} [notice] 1#1: using the \"epoll\" event method",
            "{date} [notice] 1#1: nginx/{version}",
            "{date} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) ",
            "{date} [notice] 1#1: OS: Linux 5.15.0-125-generic",
            "{date} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576",
            "{date} [notice] 1#1: start worker processes",
            "{date} [notice] 1#1: start worker process 29",
            "{date} [notice] 1#1: start worker process 30",
        ];
        let mut images = vec![
                img("nginx", &["latest", "1.27", "1.27.3", "1.26", "1.25", "1.25.5", "1.24", "1.23", "1.21", "1.19", "1.17", "1.16", "1.14.2", "alpine", "stable", "mainline", "1.27-alpine", "1.25-alpine"], 72, Serve, &[80], nginx_logs),
                img("httpd", &["latest", "2.4", "2.4.62", "alpine", "2.4-alpine"], 58, Serve, &[80], &["AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {ip}. Set the 'ServerName' directive globally to suppress this message"]),
                img("redis", &["latest", "7", "7.4", "7.2", "7.0", "6", "6.2", "alpine", "7-alpine"], 45, Serve, &[6379], &["1:C {redis_date} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo", "1:M {redis_date} * Ready to accept connections tcp"]),
                img("busybox", &["latest", "1.36", "1.36.1", "1.35", "1.28", "stable", "musl", "glibc"], 2, shell, &[], &[]),
                img("alpine", &["latest", "3.20", "3.19", "3.18", "3"], 3, shell, &[], &[]),
                img("ubuntu", &["latest", "24.04", "22.04", "20.04", "noble", "jammy", "focal"], 29, shell, &[], &[]),
                img("debian", &["latest", "12", "bookworm", "11", "bullseye", "bookworm-slim"], 49, shell, &[], &[]),
                img("centos", &["latest", "7", "8"], 83, shell, &[], &[]),
                img("fedora", &["latest", "40", "41"], 60, shell, &[], &[]),
                img("mysql", &["latest", "8", "8.0", "8.4", "9", "5.7"], 170, Serve, &[3306], &["[Note] [Entrypoint]: Entrypoint script for MySQL Server started."]),
                img("postgres", &["latest", "17", "16", "15", "14", "alpine", "16-alpine"], 150, Serve, &[5432], &["PostgreSQL init process complete; ready for start up.", "LOG:  database system is ready to accept connections"]),
                img("mongo", &["latest", "8", "7", "6", "7.0", "6.0"], 250, Serve, &[27017], &["{\"t\":{\"$date\":\"{mongo_date}\"},\"s\":\"I\",  \"c\":\"NETWORK\",  \"id\":23016,   \"ctx\":\"listener\",\"msg\":\"Waiting for connections\",\"attr\":{\"port\":27017,\"ssl\":\"off\"}}"]),
                img("memcached", &["latest", "1.6", "alpine"], 33, Serve, &[11211], &[]),
                img("node", &["latest", "22", "20", "18", "lts", "alpine", "22-alpine", "20-alpine"], 390, shell, &[], &[]),
                img("python", &["latest", "3", "3.13", "3.12", "3.11", "slim", "alpine", "3.12-slim"], 380, shell, &[], &[]),
                img("golang", &["latest", "1.23", "1.22", "alpine"], 300, shell, &[], &[]),
                img("openjdk", &["latest", "17", "21", "11"], 230, shell, &[], &[]),
                img("tomcat", &["latest", "10", "9", "11"], 180, Serve, &[8080], &["INFO [main] org.apache.catalina.startup.Catalina.start Server startup in [1234] milliseconds"]),
                img("rabbitmq", &["latest", "3", "3-management", "management"], 130, Serve, &[5672], &[]),
                img("elasticsearch", &["8.15.0", "7.17.24"], 600, Serve, &[9200], &[]),
                img("wordpress", &["latest", "6", "php8.2"], 250, Serve, &[80], &[]),
                img("traefik", &["latest", "v3.1", "v2.11"], 50, Serve, &[80], &[]),
                img("haproxy", &["latest", "2.9", "3.0"], 40, Serve, &[80], &[]),
                img("caddy", &["latest", "2", "2-alpine"], 20, Serve, &[80], &[]),
                img("nicolaka/netshoot", &["latest", "v0.13"], 200, shell, &[], &[]),
                img("curlimages/curl", &["latest", "8.10.1"], 10, ExitAfterMs(0, 2), &[], &["curl: try 'curl --help' or 'curl --manual' for more information"]),
                img("kodekloud/webapp-color", &["latest", "v1", "v2", "v3"], 30, Serve, &[8080], &[" * Serving Flask app \"app\" (lazy loading)", " * Running on http://0.0.0.0:8080/ (Press CTRL+C to quit)"]),
                img("gcr.io/google-samples/kubernetes-bootcamp", &["v1"], 75, Serve, &[8080], &["Kubernetes Bootcamp App Started At: {iso} | Running On:  {hostname} "]),
                img("jocatalin/kubernetes-bootcamp", &["v1", "v2"], 75, Serve, &[8080], &["Kubernetes Bootcamp App Started At: {iso} | Running On:  {hostname} "]),
                img("gcr.io/google-samples/hello-app", &["1.0", "2.0"], 12, Serve, &[8080], &["{date} Server listening on port 8080"]),
                img("us-docker.pkg.dev/google-samples/containers/gke/hello-app", &["1.0", "2.0"], 12, Serve, &[8080], &["{date} Server listening on port 8080"]),
                img("cloudnatived/demo", &["hello", "hello-config-args", "hello-config-env"], 4, Serve, &[8888], &["Listening on port 8888"]),
                img("k8s.gcr.io/echoserver", &["1.4", "1.10"], 140, Serve, &[8080], &[]),
                img("registry.k8s.io/echoserver", &["1.4", "1.10"], 140, Serve, &[8080], &[]),
                img("registry.k8s.io/pause", &["3.10", "3.9", "3.8", "3.7", "3.6", "3.5", "3.4.1", "3.3", "3.2", "3.1", "latest"], 1, Serve, &[], &[]),
                img("registry.k8s.io/busybox", &["latest", "1.27.2"], 1, shell, &[], &[]),
                img("registry.k8s.io/e2e-test-images/agnhost", &["2.39", "2.40", "2.43"], 50, Serve, &[8080], &[]),
                img("registry.k8s.io/etcd", &["3.5.15-0", "3.5.12-0", "3.5.10-0"], 56, Serve, &[2379], &[]),
                img("registry.k8s.io/kube-apiserver", &["v1.31.9", "v1.31.0", "v1.30.2", "v1.30.0"], 28, Serve, &[6443], &["{klog}       1 options.go:228] external host was not specified, using 192.168.1.2", "{klog}       1 server.go:142] Version: v1.31.9", "{klog}       1 secure_serving.go:213] Serving securely on [::]:6443", "{klog}       1 controller.go:615] quota admission added evaluator for: leases.coordination.k8s.io"]),
                img("registry.k8s.io/kube-controller-manager", &["v1.31.9", "v1.31.0", "v1.30.2", "v1.30.0"], 26, Serve, &[10257], &["{klog}       1 serving.go:386] Generated self-signed cert in-memory", "{klog}       1 controllermanager.go:197] \"Starting\" version=\"v1.31.9\"", "{klog}       1 secure_serving.go:213] Serving securely on 127.0.0.1:10257", "{klog}       1 leaderelection.go:254] attempting to acquire leader lease kube-system/kube-controller-manager...", "{klog}       1 leaderelection.go:268] successfully acquired lease kube-system/kube-controller-manager"]),
                img("registry.k8s.io/kube-scheduler", &["v1.31.9", "v1.31.0", "v1.30.2", "v1.30.0"], 20, Serve, &[10259], &["{klog}       1 serving.go:386] Generated self-signed cert in-memory", "{klog}       1 server.go:167] \"Starting Kubernetes Scheduler\" version=\"v1.31.9\"", "{klog}       1 server.go:169] \"Golang settings\" GOGC=\"\" GOMAXPROCS=\"\" GOTRACEBACK=\"\"", "{klog}       1 secure_serving.go:213] Serving securely on 127.0.0.1:10259", "{klog}       1 tlsconfig.go:243] \"Starting DynamicServingCertificateController\"", "{klog}       1 leaderelection.go:254] attempting to acquire leader lease kube-system/kube-scheduler...", "{klog}       1 leaderelection.go:268] successfully acquired lease kube-system/kube-scheduler"]),
                img("registry.k8s.io/kube-proxy", &["v1.31.9", "v1.31.0", "v1.30.2", "v1.30.0"], 30, Serve, &[], &["{klog}       1 server_linux.go:66] \"Using iptables proxy\"", "{klog}       1 server.go:677] \"Successfully retrieved node IP(s)\" IPs=[\"{ip}\"]", "{klog}       1 server_linux.go:169] \"Using iptables Proxier\"", "{klog}       1 shared_informer.go:320] Caches are synced for service config"]),
                img("registry.k8s.io/coredns/coredns", &["v1.11.3", "v1.11.1", "v1.10.1"], 18, Serve, &[53], &[".:53", "[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b", "CoreDNS-1.11.3", "linux/amd64, go1.21.11, a6338e9"]),
                img("registry.k8s.io/metrics-server/metrics-server", &["v0.7.2"], 20, Serve, &[10250], &[]),
                img("docker.io/flannel/flannel", &["v0.26.1"], 33, Serve, &[], &[]),
                img("registry.example.com/private/app", &["latest", "v1", "v2"], 9, Serve, &[8080], &["Listening on :8080"]),
        ];
        for image in images.iter_mut() {
            profile(image);
        }
        Registry { images }
    }

    /// The image for a reference: Ok, or the containerd error the kubelet reports.
    pub fn lookup(&self, r: &ImageRef) -> Result<&Image, String> {
        let Some(image) = self.images.iter().find(|i| i.repository == r.repository) else {
            return Err(format!(
                "failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed",
                full = r.full()
            ));
        };
        if r.digest.is_none() && !image.tags.contains(&r.tag) {
            return Err(format!(
                "failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": {full}: not found",
                full = r.full()
            ));
        }
        Ok(image)
    }

    /// Pulls `r` with the credentials the pod has (registry hosts from its `imagePullSecrets`):
    /// a private image without credentials for its host fails as containerd reports it.
    pub fn pull(&self, r: &ImageRef, credentials: &[String]) -> Result<&Image, String> {
        let image = self.lookup(r)?;
        if image.private && !credentials.iter().any(|h| *h == registry_host(r)) {
            return Err(format!(
                "failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": pull access denied, repository does not exist or may require authorization: authorization failed: no basic auth credentials",
                full = r.full()
            ));
        }
        Ok(image)
    }

    /// Adds an image (lessons bring their own), replacing one with the same repository.
    pub fn add(&mut self, image: Image) {
        self.images.retain(|i| i.repository != image.repository);
        self.images.push(image);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_normalise_like_containerd() {
        assert_eq!(
            parse_ref("nginx").map(|r| r.full()),
            Some("docker.io/library/nginx:latest".into())
        );
        assert_eq!(
            parse_ref("nginx:1.25").map(|r| r.full()),
            Some("docker.io/library/nginx:1.25".into())
        );
        assert_eq!(
            parse_ref("jocatalin/kubernetes-bootcamp:v2").map(|r| r.full()),
            Some("docker.io/jocatalin/kubernetes-bootcamp:v2".into())
        );
        assert_eq!(
            parse_ref("registry.k8s.io/pause:3.10").map(|r| r.repository),
            Some("registry.k8s.io/pause".into())
        );
        assert_eq!(
            parse_ref("localhost:5000/app").map(|r| r.tag),
            Some("latest".into())
        );
        assert!(parse_ref("").is_none());
        assert!(parse_ref("Nginx").is_none());
    }

    #[test]
    fn lessons_add_images_and_private_ones_need_credentials() {
        let mut reg = Registry::well_known();
        reg.add(Image::server(
            "registry.example.com/lesson/app",
            &["v1"],
            8080,
            "hi\n",
        ));
        let r = parse_ref("registry.example.com/lesson/app:v1").unwrap_or_else(|| unreachable!());
        assert!(reg.pull(&r, &[]).is_ok());
        let private =
            parse_ref("registry.example.com/private/app").unwrap_or_else(|| unreachable!());
        let err = reg.pull(&private, &[]).err().unwrap_or_default();
        assert!(
            err.ends_with("authorization failed: no basic auth credentials"),
            "{err}"
        );
        assert!(reg
            .pull(&private, &["registry.example.com".to_string()])
            .is_ok());
    }

    #[test]
    fn unknown_images_fail_to_pull() {
        let reg = Registry::well_known();
        assert!(reg
            .lookup(&parse_ref("nginx:1.25").unwrap_or_else(|| unreachable!()))
            .is_ok());
        let err = reg
            .lookup(&parse_ref("redis123").unwrap_or_else(|| unreachable!()))
            .err()
            .unwrap_or_default();
        assert!(err.contains("pull access denied"), "{err}");
        let err = reg
            .lookup(
                &parse_ref("gcr.io/google-samples/kubernetes-bootcamp:v10")
                    .unwrap_or_else(|| unreachable!()),
            )
            .err()
            .unwrap_or_default();
        assert!(err.ends_with("kubernetes-bootcamp:v10: not found"), "{err}");
    }
}
