"use strict";
document.addEventListener("keydown", function (event) {
  if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) { return; }
  var target = event.target;
  if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) {
    return;
  }
  if (event.key === "/") {
    // As on GitHub and MDN.
    var box = document.querySelector("input[type=search]");
    if (box) { event.preventDefault(); box.focus(); }
  } else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
    var link = document.querySelector(event.key === "ArrowLeft" ? "a[rel=prev]" : "a[rel=next]");
    if (link) { event.preventDefault(); window.location.href = link.href; }
  }
});
