/// The stylesheet and script every page links to, written into `Output/` beside the pages.
///
/// They live in code rather than as package resources so that a `render` binary copied anywhere
/// still has them.
public enum SiteAssets {
    /// Files to write, by path relative to the output folder.
    public static let files: [(path: String, contents: String)] = [
        ("galley.css", stylesheet),
        ("galley.js", script),
        ("search.js", searchScript),
        ("print.css", printStylesheet),
        ("print.js", printScript),
    ]

    /// The print page's script: a display formula or a table wider than the text is set smaller
    /// until it fits, rather than cut at the margin (CSS cannot shrink a box to its container). Run
    /// once the page and its fonts are loaded, before Chromium prints. `galleyNumberContents`
    /// writes the page each contents entry starts on, once a first printing has told (`PDFPrinter`).
    static let printScript = #"""
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

        """#

    /// The print page's (`PrintPage`), over the site's stylesheet: light colours on white paper,
    /// the title page and each chapter on pages of their own, code and tables that fit the page,
    /// and marks of checked numbers that print (a colour alone would not).
    static let printStylesheet = #"""
        :root { color-scheme: light; --text: #1f2328; --muted: #59636e; --background: #ffffff; --surface: #f6f8fa;
          --border: #d1d9e0; --accent: #0b62c4; }
        body.print { font-size: 10.5pt; line-height: 1.6; max-width: none; margin: 0; padding: 0; }
        .title-page { page: title; break-after: page; display: flex; flex-direction: column; justify-content: center;
          min-height: 230mm; text-align: center; }
        .title-page h1.book-title { font-size: 26pt; margin: 0 0 1.5rem; border: none; }
        .title-page p { margin: 0.3rem 0; color: var(--muted); }
        nav.contents { page: title; break-after: page; }
        nav.contents h2 { border: none; }
        nav.contents ol { list-style: none; padding-left: 0; margin: 0; line-height: 1.45; }
        nav.contents > ol > li { margin-top: 0.45rem; break-inside: avoid; }
        nav.contents ol ol { padding-left: 1.5rem; font-size: 0.9em; }
        nav.contents a { color: inherit; text-decoration: none; display: flex; align-items: baseline; gap: 0.4em; }
        nav.contents .leader { flex: 1; border-bottom: 1px dotted var(--muted); min-width: 1em; }
        nav.contents .page-number { min-width: 3em; text-align: right; font-variant-numeric: tabular-nums; }
        nav.contents a:has(.page-number:empty) .leader { visibility: hidden; }
        article.chapter { break-before: page; }
        h1, h2, h3, h4 { break-after: avoid; }
        /* Chromium left a paragraph's last line alone on a page with 2; 3 keeps them together. */
        article.chapter p, article.chapter li { widows: 3; orphans: 3; }
        pre, figure, table, .katex-display, div.output { break-inside: avoid; }
        pre, pre code { white-space: pre-wrap; overflow-wrap: anywhere; }
        table { font-size: 0.88em; max-width: 100%; }
        .table-wrap { overflow: visible; }
        .katex-display { overflow: visible; }
        a { color: var(--accent); text-decoration: none; }
        a[data-site-href] { color: inherit; }
        svg.chart.narrow { display: none !important; }
        svg.chart.wide { display: block !important; max-width: 100%; height: auto; }

        """#

    /// Keyboard shortcuts: `/` to the search box, ← and → to the previous and next chapter. Math
    /// needs no script: it is typeset when the book is built; the menu opens with a link.
    static let script = #"""
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

        """#

    /// The search page's script: asks Pagefind (`pagefind/pagefind.js`, which fetches only the
    /// chunks of the index the query needs, with the index's other parts merged in) and shows its
    /// results, five chapters at a time, each with its best sections.
    ///
    /// Pagefind's excerpts are HTML: the indexed text, escaped, with `<mark>` around the words
    /// found. They are read by the browser's parser (`DOMParser`: inert, nothing runs or loads) and
    /// rebuilt node by node. The indexed text holds each formula as its TeX between U+E000 and
    /// U+E001 (`SearchIndex`); its MathML, typeset when the book was built, is in the chapter's
    /// `pagefind/math/<page>.pf_math` (gzip), and is the only HTML this script sets. A formula an excerpt cuts is
    /// left out ("…"). From `file://`, where a browser fetches no index, the page says to serve
    /// the site.
    static let searchScript = #"""
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

        """#

    /// A readable page for Chinese and English prose, math and code, from phone to desktop, with a
    /// dark scheme for readers who ask for one.
    /// Charts scale with the column; on a phone the page's drawing would shrink its labels to 6 px,
    /// so there the chart's narrow drawing is shown instead (`ChartSVG.Layout.narrow`): its units
    /// are about the screen's pixels, its legend is below the plot, and nothing scrolls sideways.
    static let stylesheet =
        pageStylesheet + "figure.chart { margin: 0 0 0.5rem; }\n"
        + "svg.chart.narrow { display: none; }\n"
        + "@media (max-width: 600px) { svg.chart.wide { display: none; } svg.chart.narrow { display: block; } }\n"
        + ChartSVG.rules + "\n"

    private static let pageStylesheet = #"""
        :root {
          --text: #1f2328;
          --muted: #59636e;
          --background: #ffffff;
          --surface: #f6f8fa;
          --border: #d1d9e0;
          --accent: #0b62c4;
          --error: #c4261d;
          --warning: #9a6700;
          --computed: #1a7f37;
          color-scheme: light dark;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --text: #e6edf3;
            --muted: #9198a1;
            --background: #0d1117;
            --surface: #161b22;
            --border: #3d444d;
            --accent: #4493f8;
            --error: #f85149;
            --warning: #d29922;
            --computed: #3fb950;
          }
        }
        *, *::before, *::after { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
        body {
          margin: 0;
          color: var(--text);
          background: var(--background);
          font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB",
            "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
          font-size: 17px;
          line-height: 1.8;
          overflow-wrap: break-word;
        }
        /* The layout: the book's navigation, the page, the page's contents; one column on phones, where
           the navigation opens from the header's contents link (#book-nav, no script needed). */
        header.site { max-width: 80rem; margin: 0 auto; padding: 1rem 1.25rem 0; font-size: 0.95rem; }
        header.site a { color: var(--muted); text-decoration: none; }
        header.site a.menu { color: var(--text); font-weight: 600; margin-right: -0.25rem; }
        header.site a.book-title { margin-right: auto; }
        .layout { max-width: 46rem; margin: 0 auto; }
        .page { min-width: 0; }
        main, nav.pager, footer.site { padding: 0 1.25rem; }
        nav.book { display: none; font-size: 0.95rem; line-height: 1.5; }
        nav.book ol { list-style: none; margin: 0; padding: 0; }
        nav.book li { margin: 0.1rem 0; }
        nav.book a { display: block; padding: 0.25rem 0.5rem; border-radius: 4px; color: var(--text);
          text-decoration: none; }
        nav.book a:hover { background: var(--surface); }
        nav.book a[aria-current=page] { color: var(--accent); font-weight: 600; background: var(--surface); }
        nav.book ol.sections { margin: 0.2rem 0 0.5rem 0.6rem; padding-left: 0.5rem;
          border-left: 2px solid var(--border); font-size: 0.9rem; }
        nav.book ol.sections a { color: var(--muted); }
        nav.book a.close { display: inline-block; color: var(--muted); margin-bottom: 0.5rem; }
        nav.book:target { display: block; position: fixed; inset: 0; z-index: 20; overflow-y: auto;
          background: var(--background); padding: 1rem 1.25rem 2rem; }
        nav.toc { display: none; }
        @media (min-width: 60rem) {
          header.site a.menu, nav.book a.close { display: none; }
          .layout { display: grid; grid-template-columns: 14rem minmax(0, 46rem); gap: 0 2rem; max-width: 80rem;
            padding: 0 1.25rem; }
          nav.book, nav.book:target { display: block; position: sticky; top: 0; inset: auto; z-index: auto;
            align-self: start; max-height: 100vh; overflow-y: auto; padding: 1.5rem 0 2rem; background: none; }
          main, nav.pager, footer.site { padding-left: 0; padding-right: 0; }
        }
        @media (min-width: 80rem) {
          .layout { grid-template-columns: 14rem minmax(0, 46rem) 12rem; }
          nav.toc { display: block; position: sticky; top: 0; align-self: start; max-height: 100vh;
            overflow-y: auto; margin: 0; padding: 1.75rem 0 2rem 0.9rem; font-size: 0.85rem; line-height: 1.5; }
          nav.toc li { margin: 0.2rem 0; }
        }
        /* The verification page is a table, not prose: it takes the width the sections list leaves. */
        @media (min-width: 60rem) {
          .layout:has(table.checks) { grid-template-columns: 14rem minmax(0, 1fr); }
        }
        a { color: var(--accent); }
        h1, h2, h3, h4 { line-height: 1.35; margin: 2rem 0 0.75rem; }
        h1 { font-size: 1.9rem; margin-top: 1.25rem; }
        h2 { font-size: 1.45rem; border-bottom: 1px solid var(--border); padding-bottom: 0.3rem; }
        h3 { font-size: 1.2rem; }
        a.anchor { float: left; margin-left: -1.1em; width: 1.1em; color: var(--muted); text-decoration: none;
          opacity: 0; }
        h1:hover a.anchor, h2:hover a.anchor, h3:hover a.anchor, h4:hover a.anchor, a.anchor:focus { opacity: 1; }
        p, ul, ol, blockquote, pre, .table-wrap, div.math.display { margin: 0 0 1rem; }
        blockquote { margin-left: 0; padding: 0 1rem; color: var(--muted); border-left: 0.25rem solid var(--border); }
        code, pre { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace;
          font-size: 0.88em; }
        :not(pre) > code { background: var(--surface); padding: 0.15em 0.35em; border-radius: 4px; }
        pre { background: var(--surface); padding: 0.9rem 1rem; border-radius: 6px; overflow-x: auto;
          line-height: 1.5; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
        th, td { border: 1px solid var(--border); padding: 0.35rem 0.75rem; }
        th { background: var(--surface); }
        img { max-width: 100%; height: auto; }
        hr { border: 0; border-top: 1px solid var(--border); margin: 2rem 0; }
        li.task { list-style: none; }
        li.task input { margin: 0 0.4em 0 -1.3em; }
        div.math.display, span.math.display { display: block; overflow-x: auto; overflow-y: hidden;
          text-align: center; padding: 0.25rem 0; }
        .katex { font-size: 1.1em; }
        aside.diagnostics { border: 1px solid var(--error); border-radius: 6px; padding: 0.5rem 1rem;
          margin: 1rem 0; font-size: 0.9rem; }
        aside.diagnostics .error { color: var(--error); }
        aside.diagnostics .warning { color: var(--warning); }
        ol.chapters { list-style: none; padding: 0; counter-reset: chapter; }
        ol.chapters > li { margin: 0 0 1.75rem; }
        ol.chapters h2 { font-size: 1.25rem; border: 0; margin: 0 0 0.35rem; padding: 0; }
        ol.chapters p { margin: 0 0 0.35rem; }
        p.edit { font-size: 0.9rem; margin: 2rem 0 0; }
        header.site { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center;
          justify-content: space-between; }
        header.site form { margin: 0; }
        input[type=search] { font: inherit; font-size: 0.9rem; padding: 0.25rem 0.5rem; width: 12rem;
          max-width: 100%; color: var(--text); background: var(--surface); border: 1px solid var(--border);
          border-radius: 6px; }
        a.skip { position: absolute; left: -999px; }
        a.skip:focus { left: 1rem; top: 0.5rem; background: var(--background); padding: 0.25rem 0.5rem; z-index: 1; }
        :focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
        nav.toc { border-left: 3px solid var(--border); }
        nav.toc p { margin: 0 0 0.25rem; color: var(--muted); }
        nav.toc ol { margin: 0; padding-left: 1.1rem; }
        nav.toc ol ol { padding-left: 1rem; }
        ol.search-results { padding-left: 1.25rem; }
        li.search-result { margin-bottom: 1rem; }
        li.search-result p.snippet { margin: 0.2rem 0 0; color: var(--muted); font-size: 0.92rem; }
        #search-more { font: inherit; font-size: 0.92rem; padding: 0.3rem 0.9rem; }
        mark { background: #fff3a3; color: #1f2328; }
        /* Code, highlighted at build time. */
        .hl-keyword { color: #cf222e; }
        .hl-type { color: #8250df; }
        .hl-string { color: #0a3069; }
        .hl-number { color: #0550ae; }
        .hl-comment { color: #57606a; font-style: italic; }
        .hl-attribute, .hl-directive { color: #953800; }
        @media (prefers-color-scheme: dark) {
          .hl-keyword { color: #ff7b72; }
          .hl-type { color: #d2a8ff; }
          .hl-string { color: #a5d6ff; }
          .hl-number { color: #79c0ff; }
          .hl-comment { color: #8b949e; }
          .hl-attribute, .hl-directive { color: #ffa657; }
          mark { background: #9e6a03; color: #ffffff; }
        }
        /* A block that ran: its code, then what it computed, marked off from the author's prose. */
        div.cell { margin: 0 0 1.25rem; }
        div.cell > pre { margin-bottom: 0; border-bottom-left-radius: 0; border-bottom-right-radius: 0; }
        div.cell .output { border: 1px solid var(--border); border-left: 4px solid var(--computed);
          border-radius: 0 0 6px 6px; padding: 0.6rem 0.9rem; background: var(--background); }
        div.cell .output::before { content: attr(data-label); display: block; font-size: 0.75rem; color: var(--muted);
          letter-spacing: 0.1em; margin-bottom: 0.25rem; }
        div.cell .output pre { background: none; padding: 0; margin: 0 0 0.5rem; border-radius: 0; }
        div.cell .output pre.stderr { color: var(--warning); }
        div.cell .output .table-wrap { margin-bottom: 0.5rem; }
        div.cell .output table.computed td { text-align: right; }
        table.computed th { white-space: nowrap; }
        div.cell.failed .output, div.cell.failed > pre { border-left-color: var(--error); }
        p.cell-status { font-size: 0.9rem; margin: 0.35rem 0 0; }
        p.cell-status.error { color: var(--error); }
        p.cell-status.expected { color: var(--muted); }
        p.cell-status.not-run { color: var(--muted); font-style: italic; }
        ul.cell-diagnostics { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.8rem;
          color: var(--error); margin: 0.25rem 0 0; padding-left: 1.25rem; }
        p.truncated { font-size: 0.85rem; color: var(--muted); margin: 0; }
        /* Numbers the prose states: a dotted underline once checked, a red wavy one when wrong. */
        span.stated { text-decoration-line: underline; text-decoration-thickness: 1px;
          text-underline-offset: 0.2em; }
        span.stated.correct { text-decoration-style: dotted; text-decoration-color: var(--computed); }
        span.stated.correct::after { content: "✓"; font-size: 0.7em; color: var(--computed);
          vertical-align: super; margin-left: 0.1em; }
        /* A restated input: checked against the code's own literal, marked in the muted colour. */
        span.stated.correct.restated { text-decoration-color: var(--muted); }
        span.stated.correct.restated::after { color: var(--muted); }
        span.stated.wrong { text-decoration-style: wavy; text-decoration-color: var(--error); color: var(--error); }
        span.stated.wrong::after { content: "✗"; font-size: 0.7em; vertical-align: super; margin-left: 0.1em; }
        span.stated.unchecked { text-decoration-style: dashed; text-decoration-color: var(--muted); }
        /* A value the code computed for the prose: set on the code surface, not underlined, so that it
           is not taken for a checked number (which carries a ✓). */
        span.computed-value { background: var(--surface); border-radius: 3px; padding: 0 0.2em; }
        /* A formula KaTeX could not typeset when the book was built: its TeX and KaTeX's message. */
        .math.math-error { color: var(--error); }
        .math.math-error code { white-space: pre-wrap; }
        .math-error-message { font-size: 0.85em; }
        /* Numbers nothing checks: marked lightly, so a reader knows; the verification page links here. */
        span.claim-unchecked { text-decoration: underline dashed var(--muted) 1px; text-underline-offset: 0.2em; }
        .math.claim-unchecked { outline: 1px dashed var(--muted); outline-offset: 2px; }
        /* Inline, the outline is drawn outside the formula: room for it, so the spaces stay spaces. */
        span.math.claim-unchecked, span.math.formula-wrong { margin: 0 0.25em; }
        :target { background: var(--highlight, #fff3bf); }
        /* The verification page. */
        table.checks td.count { text-align: right; font-variant-numeric: tabular-nums; }
        /* Headings break between words on a wide screen, so every column shows; on a phone the table
           scrolls sideways rather than break its headings a character a line. */
        table.checks td.count { white-space: nowrap; }
        /* Nine columns: a size smaller than the prose, so that they fit whatever font draws the
           digits (Noto Sans CJK's are wider than the Latin fonts'). */
        table.checks { font-size: 0.9rem; }
        @media (max-width: 600px) { table.checks th { white-space: nowrap; } }
        table.checks td.open { color: var(--error); }
        ul.unchecked-claims { columns: 2; font-size: 0.95rem; }
        p.verification { font-size: 0.9rem; color: var(--muted); margin-top: 0; }
        /* Formulas whose arithmetic Galley checked. */
        div.math.formula-checked::after { content: "✓"; font-size: 0.7em; color: var(--computed);
          vertical-align: super; margin-left: 0.15em; }
        /* Inline, the mark sits in the formula's last box, so that no line starts with it. */
        span.math.formula-checked .katex-html > .base:last-child::after { content: "✓";
          font: 0.58em system-ui, sans-serif; color: var(--computed); vertical-align: super; margin-left: 0.15em; }
        span.math.formula-checked:not(:has(.katex-html))::after { content: "✓"; font-size: 0.7em;
          color: var(--computed); vertical-align: super; margin-left: 0.15em; }
        .math.formula-wrong { outline: 1px dashed var(--error); outline-offset: 2px; }
        .math.formula-wrong::after { content: "✗"; font-size: 0.7em; color: var(--error); vertical-align: super; }
        /* Displayed, the mark follows the formula's last box (before its number, if it has one),
           next to the formula rather than at the column's edge. */
        div.math.display.formula-checked:has(.katex-html)::after { content: none; }
        div.math.display.formula-checked .katex-html > .base:last-child::after,
        div.math.display.formula-checked .katex-html > .base:has(+ .tag)::after { content: "✓";
          font: 0.58em system-ui, sans-serif; color: var(--computed); vertical-align: super; margin-left: 0.15em; }
        div.math.display.formula-wrong:has(.katex-html)::after { content: none; }
        div.math.display.formula-wrong .katex-html > .base:last-child::after,
        div.math.display.formula-wrong .katex-html > .base:has(+ .tag)::after { content: "✗";
          font: 0.58em system-ui, sans-serif; color: var(--error); vertical-align: super; margin-left: 0.15em; }
        code.computed-value.missing { color: var(--error); }
        .nobr { white-space: nowrap; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
          white-space: nowrap; }
        nav.pager { display: flex; justify-content: space-between; gap: 1rem; padding-top: 1rem;
          padding-bottom: 2rem; border-top: 1px solid var(--border); margin-top: 2rem; }
        footer.site { color: var(--muted); font-size: 0.85rem; padding-bottom: 2rem; }
        @media (max-width: 600px) {
          body { font-size: 16px; }
          h1 { font-size: 1.6rem; }
          main, nav.pager, footer.site { padding: 0 1rem; }
          header.site { padding: 0.75rem 1rem 0; }
          /* A numbered formula is often wider than a phone's column: its number follows it. */
          .katex-display > .katex > .katex-html:has(> .tag) { display: inline-block; position: relative;
            padding-right: 3.5em; }
        }
        @media print {
          header.site, nav.pager, a.anchor, nav.toc, nav.book, a.skip, p.edit { display: none; }
          .layout { display: block; max-width: none; }
          a { color: inherit; }
          div.cell .output { border-left-color: #000; }
          body { font-size: 11pt; color: #000; background: #fff; }
          pre { white-space: pre-wrap; }
        }

        """#
}
