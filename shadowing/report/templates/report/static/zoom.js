// Zoom and pan for the report's maps, on screen only (print shows each map whole).
// Wheel or pinch zooms around the pointer, dragging pans, a double click resets.
// Self-contained: no library, nothing fetched.
(function () {
  "use strict";
  function attach(svg) {
    var box = svg.viewBox && svg.viewBox.baseVal;
    if (!box || !box.width) { return; }
    var home = [box.x, box.y, box.width, box.height];
    var view = home.slice();
    function apply() { svg.setAttribute("viewBox", view.join(" ")); }
    function point(evt) {
      var r = svg.getBoundingClientRect();
      return [view[0] + (evt.clientX - r.left) / r.width * view[2],
              view[1] + (evt.clientY - r.top) / r.height * view[3]];
    }
    svg.style.cursor = "grab";
    svg.setAttribute("title", "scroll to zoom, drag to move, double-click to reset");
    svg.addEventListener("wheel", function (evt) {
      evt.preventDefault();
      var p = point(evt);
      var f = evt.deltaY < 0 ? 0.85 : 1 / 0.85;
      var w = Math.min(home[2] * 1.5, Math.max(home[2] / 20, view[2] * f));
      var k = w / view[2];
      view = [p[0] - (p[0] - view[0]) * k, p[1] - (p[1] - view[1]) * k, w, view[3] * k];
      apply();
    }, {passive: false});
    var drag = null;
    svg.addEventListener("pointerdown", function (evt) {
      drag = [evt.clientX, evt.clientY, view[0], view[1]];
      svg.setPointerCapture(evt.pointerId);
      svg.style.cursor = "grabbing";
    });
    svg.addEventListener("pointermove", function (evt) {
      if (!drag) { return; }
      var r = svg.getBoundingClientRect();
      view[0] = drag[2] - (evt.clientX - drag[0]) / r.width * view[2];
      view[1] = drag[3] - (evt.clientY - drag[1]) / r.height * view[3];
      apply();
    });
    function stop() { drag = null; svg.style.cursor = "grab"; }
    svg.addEventListener("pointerup", stop);
    svg.addEventListener("pointercancel", stop);
    svg.addEventListener("dblclick", function () { view = home.slice(); apply(); });
  }
  function start() {
    var maps = document.querySelectorAll("figure svg");
    for (var i = 0; i < maps.length; i++) {
      if (maps[i].querySelector("g.node")) { attach(maps[i]); }  // Graphviz maps, not charts
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
