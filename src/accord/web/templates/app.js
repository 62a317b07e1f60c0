// accord: open the figure a link points at (#g-...), on load and when the hash changes.
"use strict";
function openTarget() {
  var id = decodeURIComponent(window.location.hash.slice(1));
  var el = id ? document.getElementById(id) : null;
  if (el && el.tagName === "DETAILS") {
    el.open = true;
    el.scrollIntoView();
  }
}
document.addEventListener("DOMContentLoaded", openTarget);
window.addEventListener("hashchange", openTarget);
