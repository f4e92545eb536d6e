// Tell the server the visitor's time zone so meeting times can be shown in it too.
// The zone name stays on this site (a first-party cookie); nothing else is sent.
(function () {
  "use strict";
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf("kinship_tz=" + zone) === -1) {
      document.cookie = "kinship_tz=" + encodeURIComponent(zone) +
        "; path=/; max-age=31536000; SameSite=Lax";
    }
  } catch (e) {
    // Older browsers: the site default zone is used.
  }
})();

// Offline use: register the service worker (/sw.js, kinship/offline). What it may
// store depends on whether this browser is signed in, so the script's address
// says which (the server still decides from the session): when that changes the
// browser fetches the worker again at once, and a signed-out browser's worker
// drops the member's copies. Pages work the same without it.
(function () {
  "use strict";
  var body = document.body;
  var script = body && body.getAttribute("data-service-worker");
  if (!script || !("serviceWorker" in navigator)) {
    return;
  }
  var state = body.getAttribute("data-signed-in") === "true" ? "member" : "visitor";
  navigator.serviceWorker.register(script + "?for=" + state, {
    scope: "/",
    updateViaCache: "none"
  }).catch(function () {
    // No worker (an old browser, or blocked): the site works online as before.
  });
})();
