// Fit the whole network in the view; resolves once it is drawn. One function expression.
() => new Promise((done) => {
    window.govgraph.network.fit({ animation: false });
    window.govgraph.network.redraw();
    requestAnimationFrame(() => requestAnimationFrame(() => done(true)));
})
