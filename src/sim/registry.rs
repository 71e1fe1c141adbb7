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

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Image {
    /// Normalised repository (`docker.io/library/nginx`).
    pub repository: String,
    pub tags: Vec<String>,
    pub size_bytes: u64,
    pub behaviour: Behaviour,
    pub ports: Vec<u16>,
    /// The first lines the process logs.
    pub log_lines: Vec<String>,
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
            "/docker-entrypoint.sh: Configuration complete; ready for start up",
        ];
        Registry {
            images: vec![
                img("nginx", &["latest", "1.27", "1.27.3", "1.26", "1.25", "1.25.5", "1.24", "1.23", "1.21", "1.19", "1.17", "1.16", "1.14.2", "alpine", "stable", "mainline", "1.27-alpine", "1.25-alpine"], 72, Serve, &[80], nginx_logs),
                img("httpd", &["latest", "2.4", "2.4.62", "alpine", "2.4-alpine"], 58, Serve, &[80], &["AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 10.244.1.2. Set the 'ServerName' directive globally to suppress this message"]),
                img("redis", &["latest", "7", "7.4", "7.2", "7.0", "6", "6.2", "alpine", "7-alpine"], 45, Serve, &[6379], &["1:C 22 Nov 2026 10:00:00.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo", "1:M 22 Nov 2026 10:00:00.001 * Ready to accept connections tcp"]),
                img("busybox", &["latest", "1.36", "1.36.1", "1.35", "1.28", "stable", "musl", "glibc"], 2, shell, &[], &[]),
                img("alpine", &["latest", "3.20", "3.19", "3.18", "3"], 3, shell, &[], &[]),
                img("ubuntu", &["latest", "24.04", "22.04", "20.04", "noble", "jammy", "focal"], 29, shell, &[], &[]),
                img("debian", &["latest", "12", "bookworm", "11", "bullseye", "bookworm-slim"], 49, shell, &[], &[]),
                img("centos", &["latest", "7", "8"], 83, shell, &[], &[]),
                img("fedora", &["latest", "40", "41"], 60, shell, &[], &[]),
                img("mysql", &["latest", "8", "8.0", "8.4", "9", "5.7"], 170, Serve, &[3306], &["[Note] [Entrypoint]: Entrypoint script for MySQL Server started."]),
                img("postgres", &["latest", "17", "16", "15", "14", "alpine", "16-alpine"], 150, Serve, &[5432], &["PostgreSQL init process complete; ready for start up.", "LOG:  database system is ready to accept connections"]),
                img("mongo", &["latest", "8", "7", "6", "7.0", "6.0"], 250, Serve, &[27017], &["{\"t\":{\"$date\":\"2026-11-22T10:00:00.000+00:00\"},\"s\":\"I\",  \"c\":\"NETWORK\",  \"id\":23016,   \"ctx\":\"listener\",\"msg\":\"Waiting for connections\",\"attr\":{\"port\":27017,\"ssl\":\"off\"}}"]),
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
                img("gcr.io/google-samples/kubernetes-bootcamp", &["v1"], 75, Serve, &[8080], &["Kubernetes Bootcamp App Started At: 2026-11-22T10:00:00.000Z | Running On:  kubernetes-bootcamp-5485cc6795-abcde "]),
                img("jocatalin/kubernetes-bootcamp", &["v1", "v2"], 75, Serve, &[8080], &["Kubernetes Bootcamp App Started At: 2026-11-22T10:00:00.000Z | Running On:  kubernetes-bootcamp-5485cc6795-abcde "]),
                img("gcr.io/google-samples/hello-app", &["1.0", "2.0"], 12, Serve, &[8080], &["2026/11/22 10:00:00 Server listening on port 8080"]),
                img("us-docker.pkg.dev/google-samples/containers/gke/hello-app", &["1.0", "2.0"], 12, Serve, &[8080], &["2026/11/22 10:00:00 Server listening on port 8080"]),
                img("cloudnatived/demo", &["hello", "hello-config-args", "hello-config-env"], 4, Serve, &[8888], &["Listening on port 8888"]),
                img("k8s.gcr.io/echoserver", &["1.4", "1.10"], 140, Serve, &[8080], &[]),
                img("registry.k8s.io/echoserver", &["1.4", "1.10"], 140, Serve, &[8080], &[]),
                img("registry.k8s.io/pause", &["3.10", "3.9", "3.8", "3.7", "3.6", "3.5", "3.4.1", "3.3", "3.2", "3.1", "latest"], 1, Serve, &[], &[]),
                img("registry.k8s.io/busybox", &["latest", "1.27.2"], 1, shell, &[], &[]),
                img("registry.k8s.io/e2e-test-images/agnhost", &["2.39", "2.40", "2.43"], 50, Serve, &[8080], &[]),
                img("registry.k8s.io/etcd", &["3.5.15-0", "3.5.12-0", "3.5.10-0"], 56, Serve, &[2379], &[]),
                img("registry.k8s.io/kube-apiserver", &["v1.31.9", "v1.31.0", "v1.30.2", "v1.30.0"], 28, Serve, &[6443], &[]),
                img("registry.k8s.io/kube-controller-manager", &["v1.31.9", "v1.31.0", "v1.30.2", "v1.30.0"], 26, Serve, &[10257], &[]),
                img("registry.k8s.io/kube-scheduler", &["v1.31.9", "v1.31.0", "v1.30.2", "v1.30.0"], 20, Serve, &[10259], &[]),
                img("registry.k8s.io/kube-proxy", &["v1.31.9", "v1.31.0", "v1.30.2", "v1.30.0"], 30, Serve, &[], &[]),
                img("registry.k8s.io/coredns/coredns", &["v1.11.3", "v1.11.1", "v1.10.1"], 18, Serve, &[53], &[".:53", "[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b", "CoreDNS-1.11.3", "linux/amd64, go1.21.11, a6338e9"]),
                img("registry.k8s.io/metrics-server/metrics-server", &["v0.7.2"], 20, Serve, &[10250], &[]),
                img("docker.io/flannel/flannel", &["v0.26.1"], 33, Serve, &[], &[]),
            ],
        }
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
