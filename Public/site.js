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

// A recording loads its player only when the visitor asks: until the click, no request goes to
// the video host. Without script the link opens the video on its own site.
(function () {
  "use strict";
  document.querySelectorAll("a.recording-link[data-embed]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var embed = link.getAttribute("data-embed");
      if (!/^https:\/\/(www\.youtube-nocookie\.com|player\.vimeo\.com)\//.test(embed)) return;
      event.preventDefault();
      var frame = document.createElement("iframe");
      frame.src = embed + (embed.indexOf("?") < 0 ? "?" : "&") + "autoplay=1";
      frame.title = link.getAttribute("data-title") || link.textContent;
      frame.allow = "autoplay; encrypted-media; picture-in-picture";
      frame.allowFullscreen = true;
      link.replaceWith(frame);
      frame.focus();
    });
  });
})();
