"use strict";
document.addEventListener("DOMContentLoaded", function () {
  if (typeof katex === "undefined") { return; }
  document.querySelectorAll(".math").forEach(function (element) {
    katex.render(element.textContent, element, {
      displayMode: element.classList.contains("display"),
      throwOnError: false,
      strict: "ignore"
    });
  });
});
