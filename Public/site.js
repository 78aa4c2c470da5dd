// Enhancements only: every page is complete without this script.
// Adds the visitor's own time beside event times given in the event's zone.
(function () {
  "use strict";
  var times = document.querySelectorAll("time[data-local]");
  if (!times.length || !window.Intl) return;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var lang = document.documentElement.lang || "en";
  var format = new Intl.DateTimeFormat(lang, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
  times.forEach(function (time) {
    var when = new Date(time.getAttribute("datetime"));
    if (isNaN(when)) return;
    var local = document.createElement("span");
    local.className = "local-time";
    local.textContent = (time.getAttribute("data-local-label") || "Your time") + ": " + format.format(when) + (zone ? " (" + zone.replace(/_/g, " ") + ")" : "");
    time.parentNode.insertBefore(local, time.nextSibling);
  });
})();
