// kehou's service worker: the app shell for a phone that reloads the page where the network is dead
// (issue 5, B-4 "works through a dead network"). The pages' files are kept as they are fetched and
// served from here only when the network fails; the API is never cached here (the roll call keeps
// its own data and queue in IndexedDB, the session and the clock their last answer).
const CACHE = 'kehou-shell-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The files a page loaded before this worker controlled it (the first visit): the page sends their
// addresses once the worker is ready, and they are kept like the ones fetched later. They are taken
// from the browser's HTTP cache, where the page's own download left them: a phone on a slow network
// must not download its first page twice (issue 14.18). Only what that cache no longer holds is asked
// of the server.
function fromHttpCache(url) {
  return fetch(url, { cache: 'only-if-cached', mode: 'same-origin' })
    .then((response) => (response.ok ? response : fetch(url)))
    .catch(() => fetch(url));
}

self.addEventListener('message', (event) => {
  const data = event.data;
  if (data?.type !== 'keep' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        data.urls.map((address) => {
          const url = new URL(address, self.location.origin);
          if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return null;
          const key = url.pathname === data.page ? '/' : url;
          return cache
            .match(key)
            .then((kept) =>
              kept
                ? null
                : fromHttpCache(url).then((response) => (response.ok ? cache.put(key, response) : null)),
            )
            .catch(() => null);
        }),
      ),
    ),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname === '/healthz' || url.pathname === '/sw.js') return;
  // Every page address is the same app: one shell entry for all of them.
  const key = request.mode === 'navigate' ? '/' : request;
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          void caches.open(CACHE).then((cache) => cache.put(key, copy));
        }
        return response;
      })
      .catch(() =>
        caches
          .open(CACHE)
          .then((cache) => cache.match(key))
          .then((cached) => cached ?? Response.error()),
      ),
  );
});
