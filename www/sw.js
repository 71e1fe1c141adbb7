// Kube Playground's service worker: once the page has loaded, it loads again with no network
// (a workshop on bad wifi). Network first, so a new deploy is picked up whenever online; the
// cache answers only when the network does not.
const CACHE = "kube-playground";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

// The page sends the files it loaded (it was not controlled yet on its first load): they are
// cached, and files of older deploys are dropped.
self.addEventListener("message", (event) => {
  const urls = (event.data && event.data.cache) || [];
  if (!Array.isArray(urls)) return;
  const keep = new Set(urls.map((u) => new URL(u, self.registration.scope).href.split("?")[0]));
  event.waitUntil(
    caches.open(CACHE).then(async (cache) => {
      await Promise.all(
        [...keep].map((u) => cache.match(u).then((hit) => hit || cache.add(u).catch(() => {}))),
      );
      for (const req of await cache.keys()) {
        if (!keep.has(req.url.split("?")[0])) await cache.delete(req);
      }
    }),
  );
});

// Trunk names each build's files by their content (`app-1cfa45435e7673c2_bg.wasm`,
// `snippets/app-…/`): those never change, so the cache answers them first; everything else
// (the page itself, lesson files) goes to the network first.
const IMMUTABLE = /-[0-9a-f]{16}(_bg)?\.(wasm|js|css)$|\/snippets\/[^/]+-[0-9a-f]{16}\//;

function fromNetwork(req, key) {
  return fetch(req).then((res) => {
    if (res.ok && res.type === "basic") {
      const copy = res.clone();
      caches.open(CACHE).then((c) => c.put(key, copy));
    }
    return res;
  });
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  const key = req.url.split("?")[0].split("#")[0];
  if (IMMUTABLE.test(key)) {
    event.respondWith(caches.match(key).then((hit) => hit || fromNetwork(req, key)));
    return;
  }
  event.respondWith(
    fromNetwork(req, key).catch(() =>
      caches.open(CACHE).then(async (cache) => {
        const hit = await cache.match(key);
        if (hit) return hit;
        if (req.mode === "navigate") {
          const page = await cache.match(self.registration.scope);
          if (page) return page;
        }
        return Response.error();
      }),
    ),
  );
});
