"use strict";
// A contents entry's heading: a section's own, a chapter's first.
function headingOf(link) {
  var target = document.getElementById(link.getAttribute("href").slice(1));
  return target && target.tagName === "ARTICLE" ? target.querySelector("h1") : target;
}
function contentsLinks() { return document.querySelectorAll("nav.contents a[href^='#']"); }
// The contents' entries (`PDFOutline`): where each leads, its depth, and its heading's
// text with each formula as its MathML reads (σ, not \sigma).
window.galleyContents = function () {
  return Array.prototype.map.call(contentsLinks(), function (link) {
    var heading = headingOf(link);
    var text = link.querySelector(".entry").textContent;
    if (heading) {
      var copy = heading.cloneNode(true);
      copy.querySelectorAll(".katex-html, annotation").forEach(function (node) { node.remove(); });
      text = copy.textContent;
    }
    return { id: link.getAttribute("href").slice(1), depth: link.parentElement.closest("ol ol") ? 2 : 1,
      title: text.replace(/\s+/g, " ").trim() };
  });
};
window.galleyNumberContents = function (pages) {
  var numbered = 0;
  document.querySelectorAll("nav.contents a[href^='#']").forEach(function (link) {
    var page = pages[link.getAttribute("href").slice(1)];
    var slot = link.querySelector(".page-number");
    if (slot && page) { slot.textContent = String(page); numbered += 1; }
  });
  return numbered;
};
window.addEventListener("load", function () {
  // A heading with a formula shows it typeset in the contents too, not as its TeX.
  contentsLinks().forEach(function (link) {
    var heading = headingOf(link);
    if (!heading || !heading.querySelector(".katex")) { return; }
    var copy = heading.cloneNode(true);
    copy.querySelectorAll("[id]").forEach(function (node) { node.removeAttribute("id"); });
    copy.querySelectorAll("a").forEach(function (node) { node.replaceWith.apply(node, node.childNodes); });
    link.querySelector(".entry").replaceChildren.apply(link.querySelector(".entry"), copy.childNodes);
  });
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
