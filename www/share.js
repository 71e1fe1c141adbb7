// The page's few browser services that are simplest in JavaScript: share-link compression
// (the browser's own deflate), file downloads, the clipboard, and the service worker that keeps
// the playground working offline. Imported by the wasm bindings in src/ui/runner/share.rs.

function toBase64Url(bytes) {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "===".slice((b64.length + 3) % 4));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/// `text` deflated and in base64url, for a URL fragment.
export async function deflateToLink(text) {
  const bytes = await pipe(new TextEncoder().encode(text), new CompressionStream("deflate-raw"));
  return toBase64Url(bytes);
}

/// The text of `deflateToLink`'s output; rejects a damaged link, and stops at `limit` bytes.
export async function inflateFromLink(link, limit) {
  const out = new Blob([fromBase64Url(link)]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  const reader = out.getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new Error("too large");
    }
    parts.push(value);
  }
  return new TextDecoder("utf-8", { fatal: true }).decode(await new Blob(parts).arrayBuffer());
}

/// Saves `text` as a file named `name`.
export function downloadText(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/// Puts `text` on the clipboard when the browser allows it (it may not, without a gesture).
export function copyText(text) {
  try {
    navigator.clipboard.writeText(text).catch(() => {});
  } catch (_) {
    /* no clipboard: the link is shown anyway */
  }
}

/// Registers the service worker (sw.js, beside the page) and hands it the files this page
/// loaded, so the next load works with no network.
export function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker
    .register("sw.js")
    .then(() => navigator.serviceWorker.ready)
    .then((reg) => {
      const page = location.href.split("#")[0];
      const files = performance
        .getEntriesByType("resource")
        .map((e) => e.name)
        .filter((u) => u.startsWith(location.origin));
      // explain.txt comes after the first prompt: named here so it is cached all the same.
      const explain = new URL("explain.txt", location.href).href;
      if (reg.active) reg.active.postMessage({ cache: [page, ...files, explain] });
    })
    .catch(() => {});
}

/// Calls `f` when the page is hidden (another tab, the phone's home screen) or left (a reload
/// included): the moment to write what is owed to the storage.
export function onPageHide(f) {
  addEventListener("pagehide", () => f());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") f();
  });
}
