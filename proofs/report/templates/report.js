/* Report behaviour: typeset mathematics (KaTeX), zoom and pan the graph, open a node from the
   URL hash or a click on the graph, highlight a node's neighbours, and leave markers in the DOM
   (data-ready, data-math-errors, data-graph-scale, data-opened) for headless checks. */
(function () {
  "use strict";
  var body = document.body;

  /* ---- mathematics ---------------------------------------------------------------------- */
  var mathErrors = 0;
  var maths = document.querySelectorAll(".math[data-tex]");
  if (window.katex) {
    maths.forEach(function (el) {
      try {
        window.katex.render(el.getAttribute("data-tex"), el, {
          throwOnError: true, strict: "ignore", displayMode: el.classList.contains("display"),
          trust: false, output: "htmlAndMathml"
        });
      } catch (e) {
        mathErrors += 1;            /* the Unicode reading written by the report stays */
        el.classList.add("math-error");
        el.title = String(e.message || e);
      }
    });
  } else {
    mathErrors = maths.length;
  }
  body.setAttribute("data-math-count", String(maths.length));
  body.setAttribute("data-math-errors", String(mathErrors));

  /* ---- graph: zoom and pan by the viewBox ------------------------------------------------ */
  var svg = document.getElementById("graph-svg");
  var box = document.getElementById("graph-box");
  var graphNodes = Array.prototype.slice.call(document.querySelectorAll(".graph-node"));
  var edges = Array.prototype.slice.call(document.querySelectorAll("path.edge"));
  var full = null, view = null;

  function scale() { return box.clientWidth / view.w; }
  function apply() {
    svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(function (v) { return v.toFixed(1); }).join(" "));
    var s = scale();
    body.setAttribute("data-graph-scale", s.toFixed(3));
    var label = document.getElementById("zoom-level");
    if (label) { label.textContent = Math.round(s * 100) + "%"; }
  }
  function zoomAt(factor, cx, cy) {
    var s = scale() * factor;
    s = Math.min(4, Math.max(0.05, s));
    var w = box.clientWidth / s, h = box.clientHeight / s;
    view.x = cx - (cx - view.x) * (w / view.w);
    view.y = cy - (cy - view.y) * (h / view.h);
    view.w = w; view.h = h;
    apply();
  }
  function centre() { return [view.x + view.w / 2, view.y + view.h / 2]; }
  function fit() {
    var s = Math.min(box.clientWidth / full.w, box.clientHeight / full.h);
    view = {x: 0, y: 0, w: box.clientWidth / s, h: box.clientHeight / s};
    apply();
  }
  function actual() {   /* 100 %: labels at their designed size, from the top left */
    view = {x: 0, y: 0, w: box.clientWidth, h: box.clientHeight};
    apply();
  }
  if (svg && box && box.clientWidth > 0) {
    var vb = svg.viewBox.baseVal;
    full = {w: vb.width, h: vb.height};
    svg.removeAttribute("width");
    svg.removeAttribute("height");
    svg.setAttribute("preserveAspectRatio", "xMinYMin meet");
    actual();
    body.setAttribute("data-graph-size", Math.round(full.w) + "x" + Math.round(full.h));
    box.addEventListener("wheel", function (e) {
      e.preventDefault();
      var r = box.getBoundingClientRect();
      var cx = view.x + (e.clientX - r.left) / scale(), cy = view.y + (e.clientY - r.top) / scale();
      zoomAt(e.deltaY < 0 ? 1.15 : 1 / 1.15, cx, cy);
    }, {passive: false});
    var drag = null;
    box.addEventListener("pointerdown", function (e) {
      if (e.button !== 0) { return; }
      box.removeAttribute("data-just-dragged");
      drag = {x: e.clientX, y: e.clientY, vx: view.x, vy: view.y, moved: false};
    });
    window.addEventListener("pointermove", function (e) {
      if (!drag) { return; }
      var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; box.classList.add("dragging"); }
      view.x = drag.vx - dx / scale();
      view.y = drag.vy - dy / scale();
      apply();
    });
    window.addEventListener("pointerup", function () {
      if (drag && drag.moved) { box.setAttribute("data-just-dragged", "1"); }
      drag = null;
      box.classList.remove("dragging");
    });
    var tools = {"zoom-in": function () { var c = centre(); zoomAt(1.4, c[0], c[1]); },
                 "zoom-out": function () { var c = centre(); zoomAt(1 / 1.4, c[0], c[1]); },
                 "zoom-fit": fit, "zoom-reset": actual};
    /* one button per section box: show that section at a legible scale */
    var jump = document.getElementById("graph-sections");
    Array.prototype.forEach.call(document.querySelectorAll("g.cluster[data-box]"), function (c) {
      var b = c.getAttribute("data-box").split(",").map(Number);
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = c.getAttribute("data-section");
      button.addEventListener("click", function () {
        var s = Math.min(1, box.clientWidth / (b[2] - b[0] + 20));
        view = {x: b[0] - 10, y: b[1] - 10, w: box.clientWidth / s, h: box.clientHeight / s};
        apply();
      });
      if (jump) { jump.appendChild(button); }
    });
    Object.keys(tools).forEach(function (id) {
      var b = document.getElementById(id);
      if (b) { b.addEventListener("click", tools[id]); }
    });
  }

  /* ---- nodes: select, open, neighbours ---------------------------------------------------- */
  function graphNode(id) {
    for (var i = 0; i < graphNodes.length; i++) {
      if (graphNodes[i].getAttribute("data-node") === id) { return graphNodes[i]; }
    }
    return null;
  }
  function select(id) {
    graphNodes.forEach(function (g) { g.classList.remove("selected"); });
    var g = graphNode(id);
    if (g) { g.classList.add("selected"); }
  }
  function openNode(id, scroll) {
    var el = document.getElementById("node-" + id);
    if (!el) { return; }
    document.querySelectorAll("details.targeted").forEach(function (d) { d.classList.remove("targeted"); });
    el.open = true;
    el.classList.add("targeted");
    select(id);
    body.setAttribute("data-opened", id);
    if (scroll) { el.scrollIntoView(); }
  }
  function showPanel(id) {
    var panel = document.getElementById("node-panel"), target = document.getElementById("node-" + id);
    if (!panel || !target) { return; }
    var parts = [target.querySelector(":scope > summary"), target.querySelector(":scope > .statement"),
                 target.querySelector(":scope > .status-line"), target.querySelector(":scope > .note")];
    var out = document.getElementById("panel-body");
    out.innerHTML = "";
    parts.forEach(function (p) {
      if (!p) { return; }
      var copy = document.createElement(p.tagName === "SUMMARY" ? "h3" : "div");
      copy.innerHTML = p.innerHTML;
      out.appendChild(copy);
    });
    var link = document.createElement("p");
    link.innerHTML = '<a href="#node-' + id + '">obligations, dependencies and certificate</a>';
    out.appendChild(link);
    panel.hidden = false;
    panel.setAttribute("data-node", id);
  }
  function openFromHash() {
    var target = decodeURIComponent(location.hash.replace(/^#/, ""));
    if (!target) { return; }
    var el = document.getElementById(target);
    if (!el) { return; }
    if (el.tagName === "DETAILS") {
      el.open = true;
      var id = el.getAttribute("data-node");
      if (id && el.classList.contains("node")) { openNode(id, false); }
    }
    el.scrollIntoView();
  }
  function lightNeighbours(id, on) {
    var near = {};
    near[id] = true;
    edges.forEach(function (e) {
      var from = e.getAttribute("data-from"), to = e.getAttribute("data-to");
      var touches = from === id || to === id;
      e.classList.toggle("lit", on && touches);
      e.classList.toggle("dim", on && !touches);
      if (touches) { near[from === id ? to : from] = true; }
    });
    graphNodes.forEach(function (g) {
      var other = g.getAttribute("data-node");
      g.classList.toggle("neighbour", on && near[other] === true && other !== id);
      g.classList.toggle("dim", on && near[other] !== true);
    });
  }
  graphNodes.forEach(function (g) {
    var id = g.getAttribute("data-node");
    g.addEventListener("mouseenter", function () { lightNeighbours(id, true); });
    g.addEventListener("mouseleave", function () { lightNeighbours(id, false); });
    g.addEventListener("click", function (e) {
      e.preventDefault();
      if (box && box.getAttribute("data-just-dragged") === "1") { box.removeAttribute("data-just-dragged"); return; }
      openNode(id, false);
      showPanel(id);
    });
  });
  var close = document.getElementById("panel-close");
  if (close) { close.addEventListener("click", function () { document.getElementById("node-panel").hidden = true; }); }

  function setAll(open) {
    document.querySelectorAll("details.node").forEach(function (d) { d.open = open; });
  }
  var expand = document.getElementById("expand-all");
  var collapse = document.getElementById("collapse-all");
  if (expand) { expand.addEventListener("click", function () { setAll(true); }); }
  if (collapse) { collapse.addEventListener("click", function () { setAll(false); }); }

  window.addEventListener("hashchange", openFromHash);
  openFromHash();
  body.setAttribute("data-ready", "1");
})();
