// Kinship's service worker. Served at /sw.js by kinship.offline.views, which puts
// KINSHIP_OFFLINE above this file: the version and the allow-list of what may be
// stored (kinship/offline/worker.py). The Cache API ignores Cache-Control, so this
// worker decides for itself and stores nothing else: the shell, the offline and
// help pages (as a visitor sees them) and, only when the server listed it for a
// signed-in browser, the member's own schedule. Never a POST or the API.
/* global KINSHIP_OFFLINE */
"use strict";

var CONFIG = KINSHIP_OFFLINE;
var PREFIX = "kinship-";
var SHELL_CACHE = PREFIX + "shell-" + CONFIG.version;
var MEMBER_CACHE = PREFIX + "member-" + CONFIG.version;
// Copies are refreshed in the background at most this often.
var REFRESH_MS = 10 * 60 * 1000;
var refreshedAt = {};

function isListed(list, url) {
  return url.origin === self.location.origin && url.search === "" &&
    list.indexOf(url.pathname) !== -1;
}

// A response worth keeping: a full page of ours, not a redirect (to sign in).
function storable(response) {
  return response && response.ok && !response.redirected && response.type === "basic";
}

function storePublic(cache, path) {
  // Without cookies: the stored copy holds nothing about the member. In the
  // reader's language (the one this script was served in), which the cookie
  // would have told the server.
  return fetch(new Request(path, {
    credentials: "omit", cache: "no-store",
    headers: {"Accept-Language": CONFIG.language}
  }))
    .then(function (response) {
      if (!storable(response)) {
        throw new Error("not stored: " + path);
      }
      refreshedAt[path] = Date.now();
      return cache.put(path, response);
    });
}

function storeMemberPage(path) {
  return caches.open(MEMBER_CACHE).then(function (cache) {
    return fetch(new Request(path, {credentials: "same-origin", cache: "no-store"}))
      .then(function (response) {
        refreshedAt[path] = Date.now();
        if (storable(response)) {
          return cache.put(path, response);
        }
        // Signed out on the server (idle, or elsewhere): forget the copy.
        return cache.delete(path);
      });
  });
}

function refreshMemberPages() {
  return Promise.all(CONFIG.member_pages.map(function (path) {
    return storeMemberPage(path).catch(function () { /* offline: keep the copy */ });
  }));
}

function refreshIfStale(paths, refresh) {
  var now = Date.now();
  var stale = paths.filter(function (path) {
    return !refreshedAt[path] || now - refreshedAt[path] > REFRESH_MS;
  });
  return Promise.all(stale.map(function (path) {
    return refresh(path).catch(function () { /* offline: keep the copy */ });
  }));
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(SHELL_CACHE).then(function (cache) {
    var shell = CONFIG.shell.map(function (path) {
      return new Request(path, {cache: "reload"});
    });
    return cache.addAll(shell).then(function () {
      return Promise.all(CONFIG.public_pages.map(function (path) {
        return storePublic(cache, path);
      }));
    });
  }).then(refreshMemberPages).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  // Older versions go; a signed-out browser's worker keeps no member cache,
  // unless a newer worker (the member's, just signed in) is already on its way.
  var keep = [SHELL_CACHE];
  var newer = self.registration.installing || self.registration.waiting;
  if (CONFIG.member_pages.length || newer) {
    keep.push(MEMBER_CACHE);
  }
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && keep.indexOf(name) === -1;
    }).map(function (name) {
      return caches.delete(name);
    }));
  }).then(function () {
    return self.clients.claim();
  }));
});

function offlinePage() {
  return caches.match(CONFIG.offline_page, {cacheName: SHELL_CACHE, ignoreVary: true})
    .then(function (response) {
      return response || new Response(CONFIG.offline_text, {
        status: 503,
        headers: {"Content-Type": "text/plain; charset=utf-8"}
      });
    });
}

function fromCache(cacheName, path) {
  return caches.match(path, {cacheName: cacheName, ignoreVary: true}).then(function (response) {
    return response || offlinePage();
  });
}

function publicPage(event, path) {
  return fetch(event.request).then(function (response) {
    event.waitUntil(caches.open(SHELL_CACHE).then(function (cache) {
      return refreshIfStale([path], function (stale) {
        return storePublic(cache, stale);
      });
    }));
    return response;
  }, function () {
    return fromCache(SHELL_CACHE, path);
  });
}

function memberPage(event, path) {
  return fetch(event.request).then(function (response) {
    refreshedAt[path] = Date.now();
    var copy = response.clone();
    event.waitUntil(caches.open(MEMBER_CACHE).then(function (cache) {
      return storable(copy) ? cache.put(path, copy) : cache.delete(path);
    }));
    return response;
  }, function () {
    return fromCache(MEMBER_CACHE, path);
  });
}

function otherPage(event) {
  return fetch(event.request).then(function (response) {
    if (CONFIG.member_pages.length) {
      event.waitUntil(refreshIfStale(CONFIG.member_pages, storeMemberPage));
    }
    return response;
  }, offlinePage);
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (request.method !== "GET") {
    // Forms and other writes: the browser sends them itself, never through the
    // worker, and nothing of them is stored.
    return;
  }
  if (isListed(CONFIG.shell, url)) {
    event.respondWith(caches.match(url.pathname, {cacheName: SHELL_CACHE})
      .then(function (response) {
        return response || fetch(request);
      }));
    return;
  }
  if (request.mode !== "navigate") {
    return;  // htmx fragments, the API, other files: the network, never stored
  }
  if (isListed(CONFIG.public_pages, url)) {
    event.respondWith(publicPage(event, url.pathname));
  } else if (isListed(CONFIG.member_pages, url)) {
    event.respondWith(memberPage(event, url.pathname));
  } else {
    event.respondWith(otherPage(event));
  }
});
