// govgraph network page. Every string from the graph reaches the DOM through textContent.
(function () {
  "use strict";

  // Milliseconds since navigation start, read by the tests and bench/render_bench.py.
  var timings = { start: performance.now(), cards: null, data: null, iterations: null, stabilized: null };
  var data = JSON.parse(document.getElementById("gg-data").textContent);
  var T = data.ui;
  var TIP_ITEMS = 15;
  var PANEL_ITEMS = 500;

  var byId = new Map();
  var incident = new Map();
  data.nodes.forEach(function (n) {
    byId.set(n.id, n);
    incident.set(n.id, []);
  });
  data.edges.forEach(function (e) {
    incident.get(e.from).push(e);
    if (e.to !== e.from) incident.get(e.to).push(e);
  });

  function el(tag, cls, text) {
    var x = document.createElement(tag);
    if (cls) x.className = cls;
    if (text !== undefined && text !== null) x.textContent = String(text);
    return x;
  }
  function word(table, key) {
    if (key === null || key === undefined || key === "") return null;
    return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : String(key);
  }
  function addRow(table, key, value, lines) {
    if (value === null || value === undefined || value === "") return;
    if (Array.isArray(value)) {
      if (!value.length) return;
      if (!lines) value = value.join("; ");
    }
    var tr = el("tr");
    tr.appendChild(el("th", null, T.fields[key] || key));
    var td = el("td", null, Array.isArray(value) ? null : value);
    if (Array.isArray(value)) {
      value.forEach(function (line) {
        td.appendChild(el("div", null, line));
      });
    }
    tr.appendChild(td);
    table.appendChild(tr);
  }
  // A report section or footnote as its label in the page's language, then its slug.
  function sourceText(slug) {
    var label = Object.prototype.hasOwnProperty.call(data.sections || {}, slug) ? data.sections[slug] : null;
    return label && label !== slug ? label + " (" + slug + ")" : slug;
  }
  function addList(box, heading, lines, max) {
    if (!lines.length) return;
    box.appendChild(el("div", "gg-tip-sub", heading + " (" + lines.length + ")"));
    var ul = el("ul");
    lines.slice(0, max).forEach(function (line) {
      var li = el("li");
      li.appendChild(el("span", null, line[0]));
      if (line[1]) li.appendChild(el("span", "gg-aside", " — " + line[1]));
      ul.appendChild(li);
    });
    if (lines.length > max) ul.appendChild(el("li", "gg-aside", T.more.replace("{n}", lines.length - max)));
    box.appendChild(ul);
  }
  function labelOf(id) {
    var n = byId.get(id);
    return n ? n.gg.label : String(id);
  }
  function voteText(v) {
    return v ? word(T.votes, v) : null;
  }

  function nodeCard(n, max) {
    var g = n.gg;
    var box = el("div", "gg-tip");
    box.appendChild(el("div", "gg-tip-title", g.label));
    var table = el("table");
    addRow(table, "kind", word(T.kinds, g.kind));
    addRow(table, "level", word(T.levels, g.level));
    addRow(table, "sector", word(T.sectors, g.sector));
    addRow(table, "acronym", g.acronym);
    addRow(table, "curie", g.curie);
    addRow(table, "dimensions", g.dimensions);
    addRow(table, data.sizeBy, data.sizeBy === "degree" ? g.metric : g.metric.toFixed(3));
    box.appendChild(table);
    var members = [];
    var links = [];
    (incident.get(n.id) || []).forEach(function (e) {
      var other = e.from === n.id ? e.to : e.from;
      var m = e.gg;
      if (g.kind === "council" && (m.relation === "membership" || m.relation === "seat")) {
        var bits = [m.role, voteText(m.vote), m.seats ? T.fields.seats + ": " + m.seats : null];
        members.push([labelOf(other), bits.filter(Boolean).join(", ")]);
      } else {
        var rel = word(T.relations, m.relation);
        links.push([labelOf(other), [rel, m.role, m.title].filter(Boolean).join(", ")]);
      }
    });
    addList(box, T.fields.members, members, max);
    addList(box, T.fields.links, links, max);
    return box;
  }

  function edgeCard(e) {
    var m = e.gg;
    var box = el("div", "gg-tip");
    box.appendChild(el("div", "gg-tip-title", labelOf(e.from) + " — " + labelOf(e.to)));
    var table = el("table");
    addRow(table, "relation", word(T.relations, m.relation));
    addRow(table, "role", m.role);
    addRow(table, "vote", m.relation === "membership" ? voteText(m.vote) || T.votes.none : voteText(m.vote));
    addRow(table, "seats", m.seats);
    addRow(table, "date", m.date);
    addRow(table, "title", m.title);
    addRow(
      table,
      "councils",
      (m.councils || []).map(function (i) {
        return data.councils[i];
      })
    );
    if (m.weight && m.weight > 1) addRow(table, "weight", m.weight);
    addRow(table, "sources", (m.sources || []).map(sourceText), true);
    box.appendChild(table);
    return box;
  }

  // vis-network 9 puts an HTMLElement title into its tooltip as a node (a string would go
  // through innerText). Every node and edge shares one element, filled with the card of the
  // one under the pointer when vis-network shows it ("showPopup"): 44,000 cards built ahead
  // took a second at 5,000 nodes.
  var tip = el("div", "gg-tip-holder");
  data.nodes.forEach(function (n) {
    n.title = tip;
  });
  data.edges.forEach(function (e) {
    e.title = tip;
  });

  timings.cards = performance.now();
  var status = document.getElementById("gg-status");
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(document.getElementById("gg-network"), { nodes: [], edges: [] }, data.options);
  window.govgraph = { network: network, nodes: nodes, edges: edges, timings: timings, settled: false };

  var visible = { nodes: data.nodes.length, edges: data.edges.length };
  function counts() {
    return T.counts.replace("{nodes}", visible.nodes).replace("{edges}", visible.edges);
  }
  var done = false;
  // A big view comes with its final positions and no physics (render/layout.py): it has
  // settled once it is drawn, fitted to the view as vis-network draws data without physics.
  var still = !!data.options.physics && data.options.physics.enabled === false;
  function stabilized() {
    if (done) return;
    done = true;
    timings.iterations = performance.now();
    if (!still) {
      // Physics off for good: the layout no longer moves, the page stays idle.
      network.setOptions({ physics: { enabled: false } });
      network.stopSimulation();
      network.fit({ animation: false });
    }
    status.textContent = counts();
    window.requestAnimationFrame(function () {
      timings.stabilized = performance.now();
      document.body.dataset.stabilized = "true";
      window.govgraph.settled = true;
    });
  }
  network.on("stabilizationProgress", function (p) {
    status.textContent = T.stabilizing + " " + Math.round((100 * p.iterations) / p.total) + " %";
  });
  network.on("showPopup", function (id) {
    var popup = network.interactionHandler.popup;
    var edge = popup.popupTargetType === "edge" ? edges.get(id) : null;
    var card = edge ? edgeCard(edge) : byId.has(id) ? nodeCard(byId.get(id), TIP_ITEMS) : null;
    tip.replaceChildren();
    if (card) tip.appendChild(card);
    popup.show(); // placed again, now that it has its size
  });
  network.once(still ? "afterDrawing" : "stabilizationIterationsDone", stabilized);
  network.setData({ nodes: nodes, edges: edges });
  timings.data = performance.now();
  if (!nodes.length) stabilized();

  // Details panel: the card of the clicked node or edge, with every line.
  var panel = document.getElementById("gg-details");
  var panelBody = document.getElementById("gg-details-body");
  var shownIn = null; // the node or edge whose card the panel shows
  function showDetails(card, id) {
    panelBody.replaceChildren(card);
    panel.hidden = false;
    shownIn = id;
  }
  function hideDetails() {
    panel.hidden = true;
    panelBody.replaceChildren();
    shownIn = null;
  }
  document.getElementById("gg-details-close").addEventListener("click", hideDetails);
  network.on("click", function (params) {
    if (params.nodes.length) showDetails(nodeCard(byId.get(params.nodes[0]), PANEL_ITEMS), params.nodes[0]);
    else if (params.edges.length) showDetails(edgeCard(edges.get(params.edges[0])), params.edges[0]);
    else hideDetails();
  });

  // Filters: the legend's boxes. A node is hidden when its kind, or (institutions and groups)
  // its level, is unticked; an edge when its relation, or (memberships) its vote, is
  // unticked, or when either end is hidden. Nothing moves: physics is off by then.
  var off = { kind: new Set(), level: new Set(), relation: new Set(), vote: new Set() };
  var hidden = new Map(); // node or edge id -> hidden now
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#gg-legend input[data-gg-filter]"));
  var reset = document.getElementById("gg-filters-reset");
  // Every box starts ticked, as the filters do, whatever state a browser restored.
  boxes.forEach(function (box) {
    box.checked = true;
  });
  function nodeHidden(n) {
    // The vis group is "kind" or, for institutions and groups, "kind-level" (render/style.py node_group).
    var group = String(n.group || "other");
    var dash = group.indexOf("-");
    if (off.kind.has(dash < 0 ? group : group.slice(0, dash))) return true;
    return dash >= 0 && off.level.has(group.slice(dash + 1));
  }
  function voteKey(vote) {
    return vote && vote !== "none" && Object.prototype.hasOwnProperty.call(T.votes, vote) ? vote : "none";
  }
  function edgeHidden(e) {
    if (hidden.get(e.from) || hidden.get(e.to)) return true;
    var m = e.gg;
    if (m.relation === "membership") return off.vote.has(voteKey(m.vote));
    return off.relation.has(m.relation);
  }
  function applyFilters() {
    var nodeChanges = [];
    var edgeChanges = [];
    visible.nodes = 0;
    visible.edges = 0;
    data.nodes.forEach(function (n) {
      var h = nodeHidden(n);
      if (h !== !!hidden.get(n.id)) nodeChanges.push({ id: n.id, hidden: h });
      hidden.set(n.id, h);
      if (!h) visible.nodes++;
    });
    data.edges.forEach(function (e) {
      var h = edgeHidden(e);
      if (h !== !!hidden.get(e.id)) edgeChanges.push({ id: e.id, hidden: h });
      hidden.set(e.id, h);
      if (!h) visible.edges++;
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    if (shownIn !== null && hidden.get(shownIn)) hideDetails();
    network.unselectAll();
    if (done) status.textContent = counts();
    var all = off.kind.size + off.level.size + off.relation.size + off.vote.size === 0;
    if (reset) reset.hidden = all;
    document.body.dataset.filtered = all ? "false" : "true";
  }
  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      var set = off[box.dataset.ggFilter];
      if (!set) return;
      if (box.checked) set.delete(box.value);
      else set.add(box.value);
      applyFilters();
    });
  });
  if (reset) {
    reset.addEventListener("click", function () {
      boxes.forEach(function (box) {
        box.checked = true;
      });
      Object.keys(off).forEach(function (k) {
        off[k].clear();
      });
      applyFilters();
    });
  }
  window.govgraph.filters = { off: off, apply: applyFilters, visible: visible };

  // Search: label, acronym or CURIE, accents and case ignored.
  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var index = data.nodes.map(function (n) {
    return { id: n.id, label: fold(n.gg.label), other: fold([n.gg.acronym, n.gg.curie, n.id].join(" ")) };
  });
  var input = document.getElementById("gg-search-input");
  var results = document.getElementById("gg-search-results");
  function choose(id) {
    results.hidden = true;
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2), animation: { duration: 300 } });
    showDetails(nodeCard(byId.get(id), PANEL_ITEMS), id);
  }
  function search() {
    var q = fold(input.value.trim());
    results.replaceChildren();
    if (!q) {
      results.hidden = true;
      return;
    }
    var hits = [];
    index.forEach(function (it) {
      if (hidden.get(it.id)) return; // a node the filters hide is not offered
      var at = it.label.indexOf(q);
      var rank = at === 0 ? 0 : at > 0 ? 1 : it.other.indexOf(q) >= 0 ? 2 : -1;
      if (rank >= 0) hits.push([rank, it.label, it.id]);
    });
    hits.sort(function (a, b) {
      return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
    });
    if (!hits.length) results.appendChild(el("li", "gg-empty", T.no_results));
    hits.slice(0, 12).forEach(function (h) {
      var n = byId.get(h[2]);
      var li = el("li");
      var b = el("button");
      b.type = "button";
      b.appendChild(el("span", "gg-label", n.gg.label));
      b.appendChild(el("span", "gg-curie", n.gg.curie || n.id));
      b.addEventListener("click", function () {
        choose(n.id);
      });
      li.appendChild(b);
      results.appendChild(li);
    });
    results.hidden = false;
  }
  input.addEventListener("input", search);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var first = results.querySelector("button");
      if (first) first.click();
    } else if (ev.key === "Escape") {
      results.hidden = true;
    }
  });
})();
