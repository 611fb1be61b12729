"use strict";
(function () {
  function normalize(text) { return text.normalize("NFKC").toLowerCase(); }
  function count(haystack, needle) {
    var n = 0, at = haystack.indexOf(needle);
    while (at !== -1) { n += 1; at = haystack.indexOf(needle, at + needle.length); }
    return n;
  }
  // A section's text holds each formula between U+E000 and U+E001; its MathML, typeset
  // when the book was built, is in GALLEY_SEARCH_MATH. That MathML is the only HTML this
  // script sets: KaTeX wrote it, escaping the author's TeX; everything else is text.
  var START = "\uE000", END = "\uE001";
  function appendText(parent, text) {
    var parts = text.split(/[\uE000\uE001]/);
    for (var i = 0; i < parts.length; i++) {
      if (i % 2 === 0) {
        if (parts[i]) { parent.appendChild(document.createTextNode(parts[i])); }
        continue;
      }
      var span = document.createElement("span");
      span.className = "search-math";
      var math = (window.GALLEY_SEARCH_MATH || {})[parts[i]];
      if (math) { span.innerHTML = math; } else { span.textContent = parts[i]; }
      parent.appendChild(span);
    }
  }
  // A cut at `at` moved so that it splits no formula: to its start, or past its end.
  function inFormula(text, at) { return text.lastIndexOf(START, at - 1) > text.lastIndexOf(END, at - 1); }
  function cutBefore(text, at) { return at > 0 && inFormula(text, at) ? text.lastIndexOf(START, at - 1) : at; }
  function cutAfter(text, at) {
    if (at <= 0 || !inFormula(text, at)) { return at; }
    var end = text.indexOf(END, at);
    return end === -1 ? text.length : end + 1;
  }
  function snippet(text, term) {
    var at = Math.max(0, normalize(text).indexOf(term));
    var from = cutBefore(text, Math.max(0, at - 40));
    var hitStart = cutBefore(text, at), hitEnd = cutAfter(text, at + term.length);
    var to = cutAfter(text, Math.min(text.length, hitEnd + 80));
    var part = document.createElement("p");
    part.className = "snippet";
    if (from > 0) { part.appendChild(document.createTextNode("…")); }
    appendText(part, text.slice(from, hitStart));
    var mark = document.createElement("mark");
    appendText(mark, text.slice(hitStart, hitEnd));
    part.appendChild(mark);
    appendText(part, text.slice(hitEnd, to));
    if (to < text.length) { part.appendChild(document.createTextNode("…")); }
    return part;
  }
  function search(query) {
    var terms = normalize(query).split(/\s+/).filter(function (term) { return term.length > 0; });
    if (terms.length === 0) { return []; }
    var hits = [];
    (window.GALLEY_SEARCH_INDEX || []).forEach(function (section) {
      var title = normalize(section.title), text = normalize(section.text), score = 0;
      for (var i = 0; i < terms.length; i++) {
        var inTitle = count(title, terms[i]), inText = count(text, terms[i]);
        if (inTitle + inText === 0) { return; }
        score += 10 * inTitle + inText;
      }
      hits.push({ section: section, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score; });
    return hits;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var results = document.getElementById("search-results");
    if (!results) { return; }
    var query = new URLSearchParams(window.location.search).get("q") || "";
    var box = document.querySelector("input[type=search]");
    if (box) { box.value = query; }
    var status = document.getElementById("search-status");
    // The words are the page's, in the book's language: {query} and {count} put in.
    function say(template) {
      return (template || "").split("{query}").join(query).split("{count}").join(String(hits.length));
    }
    var hits = [];
    if (!query.trim()) { status.textContent = say(status.dataset.prompt); return; }
    hits = search(query);
    status.textContent = say(hits.length === 0 ? status.dataset.none : status.dataset.found);
    var first = normalize(query).split(/\s+/).filter(Boolean)[0];
    hits.slice(0, 50).forEach(function (hit) {
      var item = document.createElement("li");
      item.className = "search-result";
      var link = document.createElement("a");
      link.href = hit.section.href;
      link.textContent = hit.section.chapter + " › " + hit.section.title;
      item.appendChild(link);
      var where = normalize(hit.section.text).indexOf(first) !== -1 ? hit.section.text : hit.section.title;
      item.appendChild(snippet(where, first));
      results.appendChild(item);
    });
  });
})();
