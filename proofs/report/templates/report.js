/* Report behaviour: open a node's details from the URL hash or a click on the graph,
   highlight a node's neighbours, and leave markers in the DOM for headless checks. */
(function () {
  "use strict";
  var body = document.body;
  var graphNodes = Array.prototype.slice.call(document.querySelectorAll(".graph-node"));
  var edges = Array.prototype.slice.call(document.querySelectorAll("path.edge"));

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

  function openFromHash() {
    var target = decodeURIComponent(location.hash.replace(/^#/, ""));
    if (!target) { return; }
    var el = document.getElementById(target);
    if (!el) { return; }
    document.querySelectorAll("details.targeted").forEach(function (d) { d.classList.remove("targeted"); });
    if (el.tagName === "DETAILS") {
      el.open = true;
      el.classList.add("targeted");
      var id = el.getAttribute("data-node");
      if (id) {
        select(id);
        body.setAttribute("data-opened", id);
      }
    }
    el.scrollIntoView();
  }

  function lightNeighbours(id, on) {
    edges.forEach(function (e) {
      var touches = e.getAttribute("data-from") === id || e.getAttribute("data-to") === id;
      if (touches) {
        e.classList.toggle("lit", on);
        var other = e.getAttribute("data-from") === id ? e.getAttribute("data-to") : e.getAttribute("data-from");
        var g = graphNode(other);
        if (g) { g.classList.toggle("neighbour", on); }
      }
    });
  }

  graphNodes.forEach(function (g) {
    var id = g.getAttribute("data-node");
    g.addEventListener("mouseenter", function () { lightNeighbours(id, true); });
    g.addEventListener("mouseleave", function () { lightNeighbours(id, false); });
  });

  function setAll(open) {
    document.querySelectorAll("details.node").forEach(function (d) { d.open = open; });
  }
  var expand = document.getElementById("expand-all");
  var collapse = document.getElementById("collapse-all");
  if (expand) { expand.addEventListener("click", function () { setAll(true); }); }
  if (collapse) { collapse.addEventListener("click", function () { setAll(false); }); }

  window.addEventListener("hashchange", openFromHash);
  var svg = document.getElementById("graph-svg");
  if (svg) {
    var box = svg.getBoundingClientRect();
    body.setAttribute("data-graph-size", Math.round(box.width) + "x" + Math.round(box.height));
  }
  openFromHash();
  body.setAttribute("data-ready", "1");
})();
