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
// addresses once the worker is ready, and they are kept like the ones fetched later.
self.addEventListener('message', (event) => {
  const data = event.data;
  if (data?.type !== 'keep' || !Array.isArray(data.urls)) return;
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      Promise.all(
        data.urls.map((address) => {
          const url = new URL(address, self.location.origin);
          if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return null;
          return fetch(url)
            .then((response) =>
              response.ok ? cache.put(url.pathname === data.page ? '/' : url, response) : null,
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
