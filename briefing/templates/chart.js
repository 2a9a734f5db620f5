/* The timeline chart's helper (briefing/templates/_timeline.html): the full title of the mark pointed at
   or tabbed to shows in the box under the chart; on a phone the chart opens scrolled to its as-of line.
   Runs where it is included, right after the box. Without it: the marks' tooltips and the table. */
(function () {
  var figure = document.currentScript.parentNode, box = figure.querySelector(".chart-scroll"),
    out = figure.querySelector(".chart-focus");
  out.textContent = out.getAttribute("data-hint");
  out.hidden = false;
  function show(e) {
    var link = e.target.closest ? e.target.closest("a") : null, title = link ? link.querySelector("title") : null;
    if (title) { out.textContent = title.textContent; out.className = "chart-focus chart-focus-on"; }
  }
  box.addEventListener("focusin", show);
  box.addEventListener("mouseover", show);
  var line = box.querySelector("#as-of-line, .tl-asof");
  if (line) {  /* scrolled only as far as needed: the lane titles on the left stay in view when they can */
    var at = line.getBoundingClientRect(), frame = box.getBoundingClientRect(), x = (at.left + at.right) / 2;
    if (x > frame.left + box.clientWidth * 0.8) { box.scrollLeft += x - frame.left - box.clientWidth * 0.65; }
  }
})();
