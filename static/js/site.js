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
