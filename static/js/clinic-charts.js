// Draw the clinic's patient charts (Chart.js) from the JSON each canvas names
// in its data-chart attribute: {type, labels, datasets: [{label, data}]}.
// The same numbers are in the table beside each chart. The labels are days,
// written as short local dates by static/js/trend-charts.js (loaded first),
// which also draws the check-in charts.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") {
    return;
  }
  var colours = ["#1f6f50", "#a3361f", "#3b4aa0"];
  var dashes = [[], [6, 3], [2, 2]];
  var reduceMotion = window.matchMedia &&
    window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var canvases = document.querySelectorAll("canvas[data-chart]");
  Array.prototype.forEach.call(canvases, function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source) {
      return;
    }
    var chart = JSON.parse(source.textContent);
    var days = window.KinshipCharts;
    new window.Chart(canvas, {
      type: chart.type,
      data: {
        labels: chart.labels,
        datasets: chart.datasets.map(function (set, index) {
          return {
            label: set.label, data: set.data, spanGaps: true,
            borderColor: colours[index % 3], backgroundColor: colours[index % 3],
            borderDash: dashes[index % 3]
          };
        })
      },
      options: {
        animation: reduceMotion ? false : { duration: 300 },
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        onResize: days ? days.onResize : undefined,
        plugins: days ? { tooltip: { callbacks: { title: days.tooltipTitle } } } : {},
        scales: days ? { x: days.dayAxis(canvas), y: { beginAtZero: true } }
          : { y: { beginAtZero: true } }
      }
    });
  });
})();
