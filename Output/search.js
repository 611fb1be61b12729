"use strict";
(function () {
  function normalize(text) { return text.normalize("NFKC").toLowerCase(); }
  function count(haystack, needle) {
    var n = 0, at = haystack.indexOf(needle);
    while (at !== -1) { n += 1; at = haystack.indexOf(needle, at + needle.length); }
    return n;
  }
  function snippet(text, term) {
    var at = normalize(text).indexOf(term);
    var start = Math.max(0, at - 40);
    var part = document.createElement("p");
    part.className = "snippet";
    part.appendChild(document.createTextNode((start > 0 ? "…" : "") + text.slice(start, at)));
    var mark = document.createElement("mark");
    mark.textContent = text.slice(at, at + term.length);
    part.appendChild(mark);
    part.appendChild(document.createTextNode(text.slice(at + term.length, at + term.length + 80) + "…"));
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
    if (!query.trim()) { status.textContent = "输入词语后按回车搜索。"; return; }
    var hits = search(query);
    status.textContent = hits.length === 0 ? "没有找到“" + query + "”。" : "找到 " + hits.length + " 处“" + query + "”：";
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
