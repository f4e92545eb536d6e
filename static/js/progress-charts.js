// Draw the progress charts (Chart.js) from the JSON each canvas names in its
// data-series attribute. The same numbers are in the table beside each chart.
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") {
    return;
  }
  var reduceMotion = window.matchMedia &&
    window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var canvases = document.querySelectorAll("canvas[data-series]");
  Array.prototype.forEach.call(canvases, function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-series"));
    if (!source) {
      return;
    }
    var data = JSON.parse(source.textContent);
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [
          { label: "Mood (1-5)", data: data.mood, yAxisID: "mood",
            borderColor: "#1f6f50", backgroundColor: "#1f6f50",
            spanGaps: true, pointStyle: "circle" },
          { label: "Craving (0-10)", data: data.craving, yAxisID: "scale10",
            borderColor: "#a3361f", backgroundColor: "#a3361f",
            spanGaps: true, pointStyle: "triangle", borderDash: [6, 3] },
          { label: "Stress (0-10)", data: data.stress, yAxisID: "scale10",
            borderColor: "#3b4aa0", backgroundColor: "#3b4aa0",
            spanGaps: true, pointStyle: "rect", borderDash: [2, 2] }
        ]
      },
      options: {
        animation: reduceMotion ? false : { duration: 300 },
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          mood: { type: "linear", position: "left", min: 1, max: 5,
                  title: { display: true, text: "Mood" } },
          scale10: { type: "linear", position: "right", min: 0, max: 10,
                     grid: { drawOnChartArea: false },
                     title: { display: true, text: "Craving, stress" } }
        }
      }
    });
  });
})();
