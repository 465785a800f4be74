// What vis-network drew, read from its own objects (positions, resolved styles, label lines,
// bezier via points and arrow heads), so the SVG is the same picture, not a re-layout.
// Evaluated by govgraph.render.browser through Playwright: one function expression.
() => {
  const net = window.govgraph.network, body = net.body, scale = net.getScale();
  const ctx = net.canvas.getContext();
  const nodes = window.govgraph.nodes.getIds().map((id) => {
    const n = body.nodes[id], o = n.options, L = n.labelModule;
    const lines = [];
    const shown = o.label !== undefined && o.label !== null && o.label !== "" &&
      !(L.fontOptions.size * scale < o.scaling.label.drawThreshold - 1);
    if (shown) {
      let y = L.size.yLine;
      for (let i = 0; i < L.lineCount; i++) {
        const line = L.lines[i];
        if (!line || !line.blocks) continue;
        const text = line.blocks.map((b) => b.text).join("");
        lines.push({ text: text, y: y + (line.blocks[0].vadjust || 0) });
        y += line.height;
      }
    }
    return {
      id: String(id), x: n.x, y: n.y, shape: o.shape, size: o.size, hidden: !!o.hidden,
      fill: o.color.background, stroke: o.color.border, borderWidth: o.borderWidth,
      opacity: o.opacity === undefined ? 1 : o.opacity,
      font: { size: L.fontOptions.size, face: L.fontOptions.face, color: L.fontOptions.color,
              strokeWidth: L.fontOptions.strokeWidth, strokeColor: L.fontOptions.strokeColor },
      lines: lines,
      label: { width: L.size.width, height: L.size.height },
    };
  });
  const edges = window.govgraph.edges.getIds().map((id) => {
    const e = body.edges[id];
    if (!e || !e.connected) return { id: String(id), hidden: true };
    const v = e.getFormattingValues();
    const via = e.edgeType.getViaNode();
    let arrow = null;
    if (v.toArrow && e.from !== e.to) {
      const a = e.edgeType.getArrowData(ctx, "to", via, false, false, v);
      arrow = { x: a.point.x, y: a.point.y, angle: a.angle, length: a.length, type: a.type };
    }
    let circle = null;
    if (e.from === e.to) {
      const c = e.edgeType._getCircleData(ctx);
      circle = { x: c[0], y: c[1], r: c[2] };
    }
    return {
      id: String(id), hidden: !!v.hidden,
      from: { x: e.from.x, y: e.from.y }, to: { x: e.to.x, y: e.to.y },
      via: via === undefined ? null : Array.isArray(via)
        ? via.map((p) => ({ x: p.x, y: p.y })) : { x: via.x, y: via.y },
      color: v.color, width: v.width, opacity: v.opacity === undefined ? 1 : v.opacity,
      dashes: v.dashes === true ? [5, 5] : (Array.isArray(v.dashes) ? v.dashes : null),
      arrow: arrow, circle: circle,
    };
  });
  return { nodes: nodes, edges: edges };
}
