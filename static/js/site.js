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

// The phone-width menu. Without JavaScript the "Menu" link opens it as its
// target (#site-menu, CSS :target); here it becomes a real toggle button that
// says whether the menu is open. Wide screens show the links and no toggle.
(function () {
  "use strict";
  function enhance() {
    var link = document.querySelector(".site-nav .nav-toggle");
    var menu = document.getElementById("site-menu");
    if (!link || !menu) {
      return;
    }
    var nav = link.closest(".site-nav");
    var button = document.createElement("button");
    button.type = "button";
    button.className = link.className;
    button.setAttribute("aria-controls", "site-menu");
    button.setAttribute("aria-expanded", "false");
    while (link.firstChild) {
      button.appendChild(link.firstChild);
    }
    link.parentNode.replaceChild(button, link);
    nav.classList.add("nav-enhanced");
    function setOpen(open) {
      nav.classList.toggle("nav-open", open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    var close = menu.querySelector(".nav-close a");
    if (close) {
      close.addEventListener("click", function (event) {
        event.preventDefault();
        setOpen(false);
        button.focus();
      });
    }
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("nav-open")) {
        setOpen(false);
        button.focus();
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();

// Tables stack into cards on narrow screens (site.css, .data-table); each cell
// shows its column's heading from data-label. Cells a template did not label
// get it here from the table's own <thead>.
(function () {
  "use strict";
  function label() {
    var tables = document.querySelectorAll("table.data-table");
    Array.prototype.forEach.call(tables, function (table) {
      var heads = table.querySelectorAll("thead th");
      if (!heads.length) {
        return;
      }
      var names = Array.prototype.map.call(heads, function (th) {
        return th.textContent.trim();
      });
      Array.prototype.forEach.call(table.querySelectorAll("tbody tr"), function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          if (!cell.hasAttribute("data-label") && names[index]) {
            cell.setAttribute("data-label", names[index]);
          }
        });
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", label);
  } else {
    label();
  }
  document.addEventListener("htmx:afterSettle", label);
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
