// The meeting finder: unfold the filters on wide screens, and "Near me".
// "Near me" asks the browser for its position and puts it, rounded to about
// 100 m, in the finder's own GET form: it goes only to this site, for this
// search. Nothing is stored in the browser and no other site is contacted.
(function () {
  "use strict";

  var WIDE = "(min-width: 48rem)";
  var filters = document.getElementById("finder-filters");
  if (filters && window.matchMedia && window.matchMedia(WIDE).matches) {
    filters.open = true;
  }

  var form = document.getElementById("finder-form");
  var button = document.getElementById("near-me");
  var status = document.getElementById("near-me-status");
  var note = document.getElementById("near-me-note");
  if (!form || !button || !status || !("geolocation" in navigator)) {
    return;
  }
  var near = form.elements.namedItem("near");
  var lat = form.elements.namedItem("lat");
  var lng = form.elements.namedItem("lng");
  if (!near || !lat || !lng) {
    return;
  }
  button.hidden = false;
  if (note) {
    note.hidden = false;
  }

  // A place typed by hand replaces the position.
  near.addEventListener("input", function () {
    lat.value = "";
    lng.value = "";
  });

  function submit() {
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  button.addEventListener("click", function () {
    status.textContent = button.dataset.finding || "";
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        button.disabled = false;
        near.value = "";
        lat.value = position.coords.latitude.toFixed(3);
        lng.value = position.coords.longitude.toFixed(3);
        status.textContent = button.dataset.found || "";
        submit();
      },
      function () {
        button.disabled = false;
        status.textContent = button.dataset.failed || "";
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 }
    );
  });
})();
