"use strict";
document.addEventListener("keydown", function (event) {
  // "/" jumps to the search box, as on GitHub and MDN.
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) { return; }
  var target = event.target;
  if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA")) { return; }
  var box = document.querySelector("input[type=search]");
  if (box) { event.preventDefault(); box.focus(); }
});
