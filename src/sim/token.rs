//! The ServiceAccount `token` subresource (TokenRequest): checks the service account and the
//! object the token is bound to, defaults the audience and lifetime, and issues a JWT-shaped
//! token. The signature is random bytes from the seeded RNG: nothing verifies it here.

use serde_json::{json, Value};

use super::apiserver::{ApiServer, Status};
use super::object;
use super::resources::rt;
use super::rng::fnv1a;

/// kubeadm's `--service-account-issuer`, also the API server's default audience.
pub const ISSUER: &str = "https://kubernetes.default.svc.cluster.local";

/// base64url without padding, as JWTs are written.
fn b64url(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(data.len() * 4 / 3 + 3);
    for chunk in data.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(T[(n >> (18 - 6 * i)) as usize & 63] as char);
        }
    }
    out
}

impl ApiServer {
    /// POST `serviceaccounts/NAME/token` in `namespace` with the TokenRequest `req`.
    pub fn create_token(
        &mut self,
        namespace: &str,
        name: &str,
        req: &Value,
    ) -> Result<Value, Status> {
        let mut out = req.clone();
        let spec = &mut out["spec"];
        if spec.get("expirationSeconds").is_none() {
            spec["expirationSeconds"] = json!(3600);
        }
        let seconds = spec["expirationSeconds"].as_i64().unwrap_or(3600);
        let mut causes = vec![];
        if seconds < 600 {
            causes.push(format!("spec.expirationSeconds: Invalid value: {seconds}: may not specify a duration less than 10 minutes"));
        }
        if seconds > 1 << 32 {
            causes.push(format!("spec.expirationSeconds: Invalid value: {seconds}: may not specify a duration larger than 2^32 seconds"));
        }
        if !causes.is_empty() {
            return Err(Status::invalid(
                "TokenRequest.authentication.k8s.io",
                "",
                causes,
            ));
        }
        let sa = self.get(rt("serviceaccounts"), namespace, name)?;
        let mut claims_k8s = json!({
            "namespace": namespace,
            "serviceaccount": {"name": name, "uid": object::uid(&sa)},
        });
        if let Some(r) = out["spec"].get("boundObjectRef").filter(|r| r.is_object()) {
            let kind = object::str_at(r, "/kind").to_string();
            let bound = object::str_at(r, "/name").to_string();
            let want_uid = object::str_at(r, "/uid").to_string();
            let (res, ns) = match kind.as_str() {
                "Pod" => ("pods", namespace),
                "Secret" => ("secrets", namespace),
                "Node" => ("nodes", ""),
                _ => {
                    return Err(Status::bad_request(format!(
                        "cannot bind token to object of type /{}, Kind={kind}",
                        object::str_at(r, "/apiVersion")
                    )))
                }
            };
            let obj = self.get(rt(res), ns, &bound)?;
            let uid = object::uid(&obj).to_string();
            if kind == "Pod" {
                let sa_name = object::str_at(&obj, "/spec/serviceAccountName");
                if sa_name != name {
                    return Err(Status::bad_request(format!("cannot bind token for serviceaccount {name:?} to pod running with serviceaccount {sa_name:?}")));
                }
                let node = object::str_at(&obj, "/spec/nodeName");
                if let Some(n) = self.peek(rt("nodes"), "", node) {
                    claims_k8s["node"] = json!({"name": node, "uid": object::uid(n)});
                }
            }
            if !want_uid.is_empty() && want_uid != uid {
                let mut s = Status::conflict(rt(res), &bound);
                s.message = format!("Operation cannot be fulfilled on {kind} {bound:?}: the UID in the bound object reference ({want_uid}) does not match the UID in record ({uid}). The object might have been deleted and then recreated");
                return Err(s);
            }
            claims_k8s[kind.to_lowercase()] = json!({"name": bound, "uid": uid});
        }
        let spec = &mut out["spec"];
        if spec["audiences"].as_array().is_none_or(|a| a.is_empty()) {
            spec["audiences"] = json!([ISSUER]);
        }
        let now = self.now() / 1000;
        let claims = json!({
            "aud": spec["audiences"],
            "exp": now + seconds,
            "iat": now,
            "iss": ISSUER,
            "jti": self.rng.uuid(),
            "kubernetes.io": claims_k8s,
            "nbf": now,
            "sub": format!("system:serviceaccount:{namespace}:{name}"),
        });
        // The key id is the same for every token of this cluster.
        let root = self
            .peek(rt("namespaces"), "", "kube-system")
            .map(object::uid)
            .unwrap_or("");
        let kid: Vec<u8> = (0..4u8)
            .flat_map(|i| fnv1a(&[root.as_bytes(), &[i]].concat()).to_le_bytes())
            .collect();
        let header = format!("{{\"alg\":\"RS256\",\"kid\":\"{}\"}}", &b64url(&kid)[..43]);
        let signature: Vec<u8> = (0..32)
            .flat_map(|_| self.rng.next_u64().to_le_bytes())
            .collect();
        let token = format!(
            "{}.{}.{}",
            b64url(header.as_bytes()),
            b64url(claims.to_string().as_bytes()),
            b64url(&signature)
        );
        let meta = object::meta_mut(&mut out);
        meta.entry("name").or_insert(json!(name));
        meta.entry("namespace").or_insert(json!(namespace));
        out["status"] = json!({
            "token": token,
            "expirationTimestamp": super::clock::rfc3339((now + seconds) * 1000),
        });
        Ok(out)
    }
}
