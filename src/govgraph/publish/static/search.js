// govgraph site search. The index (search-index.js, written by `govgraph publish`) is loaded
// the first time a reader uses the box: a script, so it also loads from file://. Text from the
// index reaches the page only through textContent and setAttribute, never as markup.
(function () {
  "use strict";

  var form = document.getElementById("gg-search");
  var input = document.getElementById("gg-search-input");
  var list = document.getElementById("gg-search-results");
  var status = document.getElementById("gg-search-status");
  if (!form || !input || !list || !status) return;
  var words = form.dataset;
  var MAX = 20;
  var items = null; // the index's items, each with its folded texts
  var kinds = {};
  var loading = false;
  var wanted = false; // a search waits for the index
  var goFirst = false; // and then Enter was pressed

  // As resolve/index.py normalise: accents, case and punctuation ignored.
  function fold(text) {
    return String(text || "")
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, " ")
      .trim();
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function say(text) {
    status.textContent = text;
  }

  function prepare(data) {
    var fields = data.fields || [];
    var at = {};
    fields.forEach(function (name, i) {
      at[name] = i;
    });
    kinds = data.kinds || {};
    var dirs = data.dirs || [];
    items = (data.items || []).map(function (row, order) {
      var it = {
        path: String(dirs[row[at.dir]] || "") + String(row[at.file] || ""),
        kind: String(row[at.kind] || ""),
        label: String(row[at.label] || ""),
        lang: String(row[at.lang] || ""),
        other: String(row[at.other] || ""),
        alt: (row[at.alt] || []).map(String),
        names: (row[at.names] || []).map(String),
        curie: String(row[at.curie] || ""),
        order: order,
      };
      var kind = Object.prototype.hasOwnProperty.call(kinds, it.kind) ? kinds[it.kind] : it.kind;
      it.kindName = String(kind);
      it.exact = [it.label, it.other, it.curie].concat(it.alt, it.names).map(fold);
      it.main = [fold(it.label), fold(it.other)];
      it.short = it.alt.map(fold);
      it.all = " " + it.exact.concat([fold(it.kindName), fold(it.kind)]).join(" ") + " ";
      return it;
    });
  }

  function load() {
    if (items || loading) return;
    loading = true;
    var script = document.createElement("script");
    script.setAttribute("src", words.index);
    script.addEventListener("load", function () {
      var data = window.govgraphSearchIndex;
      loading = false;
      if (!data || !Array.isArray(data.items)) {
        say(words.failed);
        return;
      }
      prepare(data);
      if (wanted) search();
      if (goFirst) follow(list.querySelector("a"));
    });
    script.addEventListener("error", function () {
      loading = false;
      say(words.failed);
    });
    document.head.appendChild(script);
  }

  // 0 a name is the query, 1 the name starts with it, 2 an acronym does, 3 a name holds it
  // from the start of a word, 4 every word of the query starts a word, 5 every word is
  // somewhere; -1 no match.
  function score(it, q, tokens) {
    if (it.exact.indexOf(q) >= 0) return 0;
    var i;
    for (i = 0; i < tokens.length; i++) if (it.all.indexOf(tokens[i]) < 0) return -1;
    if (it.main[0].indexOf(q) === 0 || (it.main[1] && it.main[1].indexOf(q) === 0)) return 1;
    for (i = 0; i < it.short.length; i++) if (it.short[i].indexOf(q) === 0) return 2;
    for (i = 0; i < it.exact.length; i++) if ((" " + it.exact[i]).indexOf(" " + q) >= 0) return 3;
    for (i = 0; i < tokens.length; i++) if (it.all.indexOf(" " + tokens[i]) < 0) return 5;
    return 4;
  }

  function result(it) {
    var li = el("li");
    var a = el("a", null, it.label);
    a.setAttribute("href", words.root + it.path);
    if (it.lang) a.setAttribute("lang", it.lang);
    li.appendChild(a);
    var meta = el("span", "search-meta");
    var bits = [it.kindName].concat(it.alt);
    meta.appendChild(document.createTextNode(bits.join(" · ")));
    if (it.other) {
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(el("span", null, it.other));
      meta.lastChild.setAttribute("lang", words.otherLang);
    }
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(el("code", null, it.curie));
    li.appendChild(meta);
    return li;
  }

  function hide() {
    list.hidden = true;
  }

  function search() {
    var q = fold(input.value);
    wanted = false;
    list.replaceChildren();
    if (!q) {
      hide();
      say("");
      return;
    }
    if (!items) {
      wanted = true;
      say(words.loading);
      load();
      return;
    }
    var tokens = q.split(" ");
    var hits = [];
    items.forEach(function (it) {
      var s = score(it, q, tokens);
      if (s >= 0) hits.push([s, it]);
    });
    hits.sort(function (a, b) {
      return a[0] - b[0] || a[1].order - b[1].order;
    });
    if (!hits.length) list.appendChild(el("li", "search-empty", words.none));
    hits.slice(0, MAX).forEach(function (hit) {
      list.appendChild(result(hit[1]));
    });
    list.hidden = false;
    var n = hits.length;
    say(
      n === 0
        ? words.none
        : n === 1
          ? words.one
          : n > MAX
            ? words.shown.replace("{n}", n).replace("{shown}", MAX)
            : words.count.replace("{n}", n),
    );
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  function follow(link) {
    goFirst = false;
    if (link) link.click();
  }

  form.hidden = false;
  input.addEventListener("focus", load);
  // A click in the box shows again the results it had (typing searches anew).
  input.addEventListener("click", function () {
    if (input.value.trim() && list.childElementCount) list.hidden = false;
  });
  input.addEventListener("input", search);
  form.addEventListener("submit", function (ev) {
    // Enter in the box: the first result, as a link would go (the form itself sends nothing).
    ev.preventDefault();
    search();
    if (items) follow(links()[0]);
    else goFirst = true;
  });
  form.addEventListener("keydown", function (ev) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      if (!all.length) return;
      ev.preventDefault();
      list.hidden = false;
      var next = ev.key === "ArrowDown" ? at + 1 : at - 1;
      if (at < 0) next = ev.key === "ArrowDown" ? 0 : all.length - 1;
      if (next < 0) input.focus();
      else all[Math.min(next, all.length - 1)].focus();
    } else if (ev.key === "Escape") {
      if (list.hidden) return;
      ev.preventDefault();
      hide();
      input.focus();
    }
  });
  // The list closes when the focus moves, or the reader clicks, outside the box and its results.
  function outside(ev) {
    if (!form.contains(ev.target)) hide();
  }
  document.addEventListener("focusin", outside);
  document.addEventListener("click", outside);
})();
