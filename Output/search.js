"use strict";
(function () {
  var START = "\uE000", END = "\uE001", BATCH = 5, SECTIONS = 3;
  var IDEOGRAPHS = /[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{20000}-\u{3134F}]+/gu;
  var WIDE = /[\u3000-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u{20000}-\u{3134F}]/u;
  // The index holds one Chinese or Japanese character a word (SearchIndex.spacingIdeographs):
  // a run of them in the query is asked for as an exact phrase of its characters.
  function indexQuery(query) {
    return query.replace(IDEOGRAPHS, function (run) { return " \"" + Array.from(run).join(" ") + "\" "; }).trim();
  }
  // The excerpt's characters, each with whether it is marked: without Pagefind's zero-width
  // spaces, nor the spaces the index put between wide characters.
  function characters(excerpt) {
    var body = new DOMParser().parseFromString("<body>" + excerpt, "text/html").body;
    var found = [];
    body.childNodes.forEach(function (node) {
      var marked = node.nodeName === "MARK";
      Array.from((node.textContent || "").replace(/\u200B/g, "")).forEach(function (c) {
        found.push({ c: c, marked: marked });
      });
    });
    return found.filter(function (entry, at) {
      if (entry.c !== " " || at === 0 || at === found.length - 1) { return true; }
      return !(WIDE.test(found[at - 1].c) && WIDE.test(found[at + 1].c));
    });
  }
  function plain(text) {
    return characters(text.replace(/&/g, "&amp;").replace(/</g, "&lt;")).map(function (entry) { return entry.c; }).join("");
  }
  function runs(excerpt) {
    var found = [];
    characters(excerpt).forEach(function (entry) {
      var last = found[found.length - 1];
      if (last && last.marked === entry.marked) { last.text += entry.c; } else {
        found.push({ text: entry.c, marked: entry.marked });
      }
    });
    return found;
  }
  function formula(tex, math, marked) {
    var span = document.createElement("span");
    span.className = "search-math";
    var mathML = math[tex.replace(/\s+/g, " ").trim()];
    if (mathML) { span.innerHTML = mathML; } else { span.textContent = tex; }
    if (!marked) { return span; }
    var mark = document.createElement("mark");
    mark.appendChild(span);
    return mark;
  }
  function snippet(excerpt, math) {
    var part = document.createElement("p");
    part.className = "snippet";
    var tex = null, texMarked = false, opened = false;
    runs(excerpt).forEach(function (run) {
      run.text.split(/([\uE000\uE001])/).forEach(function (piece) {
        if (piece === START) { tex = ""; texMarked = false; opened = true; return; }
        if (piece === END) {
          if (tex !== null) { part.appendChild(formula(tex, math, texMarked)); }
          else if (!opened) { part.textContent = "…"; }
          tex = null;
          return;
        }
        if (tex !== null) { tex += piece; texMarked = texMarked || (run.marked && piece.length > 0); return; }
        if (!piece) { return; }
        if (run.marked) {
          var mark = document.createElement("mark");
          mark.textContent = piece;
          part.appendChild(mark);
        } else {
          part.appendChild(document.createTextNode(piece));
        }
      });
    });
    if (tex !== null) { part.appendChild(document.createTextNode("…")); }
    return part;
  }
  // Pagefind's addresses start at the site's root; the pages lie beside this one.
  function relative(url) { return url.replace(/^\/+/, ""); }
  function sections(page) {
    var subs = (page.sub_results || []).map(function (sub, at) { return { sub: sub, at: at }; });
    if (subs.length === 0) { return [{ title: page.meta.title, url: page.url, excerpt: page.excerpt }]; }
    subs.sort(function (a, b) { return (b.sub.locations || []).length - (a.sub.locations || []).length || a.at - b.at; });
    return subs.slice(0, SECTIONS).sort(function (a, b) { return a.at - b.at; }).map(function (entry) {
      return entry.sub;
    });
  }
  // A chapter's formulas' MathML, gzipped beside the index: fetched only for a chapter
  // whose shown sections hold a formula.
  function mathOf(page, shown) {
    if (!shown.some(function (section) { return (section.excerpt || "").indexOf(START) !== -1; })) {
      return Promise.resolve({});
    }
    var name = relative(page.url).replace(/\.html$/, "");
    return fetch("pagefind/math/" + name + ".pf_math")
      .then(function (response) {
        if (!response.ok) { return {}; }
        return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).json();
      })
      .catch(function () { return {}; });
  }
  function show(page, math, list) {
    var chapter = page.meta.title || "";
    sections(page).forEach(function (section) {
      var item = document.createElement("li");
      item.className = "search-result";
      var link = document.createElement("a");
      link.href = relative(section.url);
      var title = plain(section.title || "");
      link.textContent = title && title !== chapter ? chapter + " › " + title : chapter;
      item.appendChild(link);
      item.appendChild(snippet(section.excerpt || "", math));
      list.appendChild(item);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var list = document.getElementById("search-results");
    if (!list) { return; }
    var status = document.getElementById("search-status");
    var more = document.getElementById("search-more");
    var query = new URLSearchParams(window.location.search).get("q") || "";
    var box = document.querySelector("input[type=search]");
    if (box) { box.value = query; }
    // The words are the page's, in the book's language: {query} and {count} put in.
    function say(template, count) {
      status.textContent = (template || "").split("{query}").join(query).split("{count}").join(String(count));
    }
    if (!query.trim()) { say(status.dataset.prompt, 0); return; }
    if (window.location.protocol === "file:") { say(status.dataset.serve, 0); return; }
    // A long book's index is in parts (SearchBundle.partBytes): the first has the
    // script, the others are merged into it.
    var parts = fetch("pagefind/parts.json").then(function (response) {
      if (!response.ok) { throw new Error("no parts.json"); }
      return response.json();
    });
    Promise.all([import("./pagefind/pagefind.js"), parts])
      .then(function (loaded) {
        var pagefind = loaded[0];
        // In the page itself: with its worker, Pagefind left some searches unanswered in
        // headless Chromium (about one in three for "softmax" on the course).
        return pagefind.options({ noWorker: true }).then(function () {
          return Promise.all(loaded[1].map(function (part) {
            return pagefind.mergeIndex(new URL("pagefind/" + part, window.location.href).pathname);
          }));
        }).then(function () {
          return pagefind.search(indexQuery(query));
        });
      })
      .then(function (search) {
        var found = search.results, shown = 0;
        function showMore() {
          var next = found.slice(shown, shown + BATCH);
          shown += next.length;
          more.hidden = true;
          return Promise.all(next.map(function (result) {
            return result.data().then(function (page) {
              return mathOf(page, sections(page)).then(function (math) { return { page: page, math: math }; });
            });
          })).then(function (pages) {
            pages.forEach(function (entry) { show(entry.page, entry.math, list); });
            more.hidden = shown >= found.length;
          });
        }
        more.addEventListener("click", function () { showMore(); });
        // The status line comes last: it says the results are there.
        return showMore().then(function () {
          say(found.length === 0 ? status.dataset.none : status.dataset.found, found.length);
        });
      })
      .catch(function () { say(status.dataset.unavailable, 0); });
  });
})();
