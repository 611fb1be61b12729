/// The script the preview adds to every page it serves (never to `Output/` itself): it reloads
/// the page when the book was rendered again, keeping the reader's place, and shows the book's
/// problems in an overlay that goes away once they are fixed.
enum LiveScript {
    static let path = "/__galley/live.js"
    static let eventsPath = "/__galley/events"

    /// The tag that loads the script, put before `</body>`.
    static let tag = "<script src=\"\(path)\"></script>\n"

    static let source = #"""
        "use strict";
        (function () {
          var key = "galley-scroll:" + location.pathname;
          var saved = sessionStorage.getItem(key);
          if (saved !== null) {
            sessionStorage.removeItem(key);
            window.scrollTo(0, Number(saved));
            window.addEventListener("load", function () { window.scrollTo(0, Number(saved)); });
          }
          function overlay(lines) {
            var box = document.getElementById("galley-overlay");
            if (lines.length === 0) { if (box) { box.remove(); } return; }
            if (!box) {
              box = document.createElement("div");
              box.id = "galley-overlay";
              box.setAttribute("role", "alert");
              box.style.cssText = "position:fixed;left:1rem;right:1rem;bottom:1rem;max-height:40vh;overflow:auto;" +
                "z-index:1000;padding:0.75rem 1rem;border-radius:6px;background:#fff5f5;color:#82071e;" +
                "border:1px solid #ff8182;box-shadow:0 4px 16px rgba(0,0,0,0.2);font-size:0.9rem;";
              document.body.appendChild(box);
            }
            box.textContent = "";
            var close = document.createElement("button");
            close.type = "button";
            close.textContent = "×";
            // The words are the page's, in the book's language (PageTemplate puts them on <body>).
            var words = document.body.dataset;
            close.title = words.overlayHint || "Hide (shown again when a render has problems)";
            close.setAttribute("aria-label", words.overlayClose || "Hide");
            close.style.cssText = "float:right;border:0;background:none;color:inherit;font-size:1.25rem;" +
              "line-height:1;cursor:pointer;padding:0 0 0 0.5rem;";
            close.addEventListener("click", function () { box.remove(); });
            var title = document.createElement("strong");
            title.textContent = (words.overlayTitle || "Problems: {count}")
              .split("{count}").join(String(lines.length));
            var list = document.createElement("pre");
            // The page's own style for pre (a dark surface in dark mode) would hide the red text.
            list.style.cssText = "margin:0.5rem 0 0;padding:0;white-space:pre-wrap;font-size:0.85rem;" +
              "background:none;color:inherit;";
            list.textContent = lines.join("\n");
            box.appendChild(close);
            box.appendChild(title);
            box.appendChild(list);
          }
          // While the book is rendered again: a quiet badge, in the book's language, until the
          // page reloads.
          function rendering() {
            var badge = document.getElementById("galley-rendering");
            if (!badge) {
              badge = document.createElement("div");
              badge.id = "galley-rendering";
              badge.setAttribute("role", "status");
              badge.style.cssText = "position:fixed;right:1rem;top:1rem;z-index:1001;padding:0.3rem 0.7rem;" +
                "border-radius:6px;background:#0b62c4;color:#ffffff;font-size:0.85rem;";
              document.body.appendChild(badge);
            }
            badge.textContent = document.body.dataset.overlayRendering || "Rendering…";
          }
          var events = new EventSource("/__galley/events");
          events.addEventListener("rendering", rendering);
          events.addEventListener("reload", function () {
            sessionStorage.setItem(key, String(window.scrollY));
            location.reload();
          });
          // Pages written after the render (the front and checks pages): this one, if named.
          events.addEventListener("reload-pages", function (event) {
            var name = location.pathname.split("/").pop() || "index.html";
            if (JSON.parse(event.data).indexOf(name) < 0) return;
            sessionStorage.setItem(key, String(window.scrollY));
            location.reload();
          });
          events.addEventListener("diagnostics", function (event) {
            var lines = JSON.parse(event.data);
            overlay(lines);
            // Says the page is live and what it last heard, for whoever drives it (the tests).
            document.documentElement.dataset.galleyProblems = String(lines.length);
          });
        })();

        """#
}
