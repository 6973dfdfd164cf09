// Literasi's service worker, written for this app (no framework). The server puts SHELL (the
// offline page, the saved-modules page and the static files) and VERSION on the line above.
// Pages: network first, a kept copy when there is no connection. What is kept, and where:
//   literasi-pages     pages seen without logging in
//   literasi-personal  pages of the person logged in (never those marked no-store); emptied
//                      when the logout form is sent and whenever another viewer, or none, appears
//   literasi-saved     modules saved with "Simpan untuk dibaca offline", fetched without cookies
var SHELL_CACHE = "literasi-shell-" + VERSION, PAGES = "literasi-pages", PERSONAL = "literasi-personal",
    SAVED = "literasi-saved", STATE = "literasi-state", VIEWER = "/__viewer", pending = {};

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL_CACHE).then(function (cache) {
    return cache.addAll(SHELL.map(function (url) { return new Request(url, { credentials: "omit" }); }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) {
      return key.indexOf("literasi-shell-") === 0 && key !== SHELL_CACHE;
    }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

function forgetPersonal() { return caches.delete(PERSONAL); }

// The viewer of the last page seen online; a different one (or nobody) drops the personal pages.
function viewerIs(viewer) {
  return caches.open(STATE).then(function (state) {
    return state.match(VIEWER).then(function (last) { return last ? last.text() : ""; }).then(function (was) {
      if (was === viewer) return;
      return forgetPersonal().then(function () { return state.put(VIEWER, new Response(viewer)); });
    });
  });
}

function keep(url, response) {
  if (response.type !== "basic") return Promise.resolve(false);  // a redirect tells nothing of the viewer
  var viewer = response.headers.get("Literasi-Viewer") || "";
  return viewerIs(viewer).then(function () {
    if (response.status !== 200 || /no-store/.test(response.headers.get("Cache-Control") || "")) return false;
    return caches.open(viewer ? PERSONAL : PAGES).then(function (cache) {
      return cache.put(url, response).then(function () { return true; });
    });
  });
}

function kept(url) {
  return [PERSONAL, SAVED, PAGES, SHELL_CACHE].reduce(function (found, name) {
    return found.then(function (hit) {
      return hit || caches.open(name).then(function (cache) { return cache.match(url); });
    });
  }, Promise.resolve(undefined));
}

function page(event) {
  var url = event.request.url.split("#")[0];
  var fetched = fetch(event.request);
  pending[url] = fetched.then(function (response) { return keep(url, response.clone()); }, function () {});
  event.waitUntil(pending[url]);
  return fetched.catch(function () {
    return kept(url).then(function (hit) { return hit || caches.match("/luring"); });
  });
}

// A page kept before the app was updated names the static files of its day; offline, the same
// file of this version (app.<hash>.css for app.<other hash>.css) stands in for it.
function unhashed(url) { return url.replace(/\.[0-9a-f]{12}(\.\w+)$/, "$1"); }
function sameFile(request) {
  return caches.open(SHELL_CACHE).then(function (cache) {
    return cache.keys().then(function (keys) {
      var found = keys.filter(function (key) { return unhashed(key.url) === unhashed(request.url); })[0];
      return found ? cache.match(found) : Response.error();
    });
  });
}

function asset(request) {
  return caches.match(request).then(function (hit) {
    return hit || fetch(request).catch(function () { return sameFile(request); }).then(function (response) {
      if (response.ok && response.type === "basic") {  // static files go with this version's shell
        var copy = response.clone();
        caches.open(/\/static\//.test(request.url) ? SHELL_CACHE : PAGES).then(function (cache) {
          return cache.put(request, copy);
        });
      }
      return response;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request, url = new URL(request.url);
  if (url.origin !== location.origin) return;
  if (request.method === "POST" && /^\/(keluar|akun\/keluar-semua)$/.test(url.pathname)) {
    event.waitUntil(forgetPersonal());
  } else if (request.method === "GET" && request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (request.method === "GET" && /^\/(static\/|modul\/[^/]+\/media\/)/.test(url.pathname)) {
    event.respondWith(asset(request));
  }
});

// The page asks, once loaded, whether it is kept. A page this worker never saw (loaded before it
// took control) is fetched again and kept, with its images; one it saw is answered once its own
// fetch has settled. The answer is true or false.
self.addEventListener("message", function (event) {
  var data = event.data || {}, url = String(data.url || "").split("#")[0], port = event.ports[0];
  if (!port || new URL(url).origin !== location.origin) return;
  var seen = url in pending;
  var answer = Promise.resolve(pending[url]).then(function () { return kept(url); }).then(function (hit) {
    if (hit || seen) return Boolean(hit);
    return Promise.all((data.images || []).map(function (src) { return asset(new Request(src)).catch(function () {}); }))
      .then(function () { return fetch(url, { credentials: "same-origin" }); })
      .then(function (response) { return keep(url, response); });
  });
  event.waitUntil(answer.then(function (yes) { port.postMessage(Boolean(yes)); },
                              function () { port.postMessage(false); }));
});
