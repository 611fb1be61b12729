"use strict";
window.addEventListener("load", function () {
  function fit(element, room) {
    var width = element.scrollWidth;
    if (!(room > 0) || width <= room + 1) { return; }
    var size = parseFloat(window.getComputedStyle(element).fontSize);
    element.style.fontSize = (size * room / width).toFixed(2) + "px";
  }
  document.querySelectorAll(".katex-display > .katex").forEach(function (formula) {
    fit(formula, formula.parentElement.clientWidth);
  });
  document.querySelectorAll("article.chapter table").forEach(function (table) {
    fit(table, table.closest("article").clientWidth);
  });
});
