// Draw the check-in trend charts (Chart.js) of the member's progress page and
// the clinician's patient page: one chart per canvas[data-trend], from the
// JSON its data-trend attribute names (kinship/recovery/trends.py), showing
// the measures listed in data-measures ("mood", or "craving stress"). Each
// day's check-in is a small hollow point; the 7-day average (computed on the
// server) is the bold line. The summary sentence and the table beside each
// chart hold the same numbers; without JavaScript they are what is shown.
// Also offers window.KinshipCharts.dayAxis, the short local date ticks the
// clinic's other charts use (static/js/clinic-charts.js).
(function () {
  "use strict";
  var Chart = window.Chart;
  if (typeof Chart === "undefined") {
    return;
  }

  // Told apart by colour-blind viewers: purple, orange and blue (the pairs
  // drawn together, orange and blue, differ in every common colour-vision
  // deficiency), and by line dash and point shape too. Each has a contrast
  // of at least 5:1 on white.
  var STYLES = {
    mood: { colour: "#5e3c99", dash: [], point: "circle" },
    craving: { colour: "#b34700", dash: [], point: "circle" },
    stress: { colour: "#005a9c", dash: [7, 4], point: "triangle" }
  };
  var NARROW = 480; // px: fewer date ticks on a phone

  var language = document.documentElement.lang || undefined;

  function dateFormat(options) {
    try {
      return new Intl.DateTimeFormat(language, options);
    } catch (error) {
      return new Intl.DateTimeFormat(undefined, options);
    }
  }
  // Labels are calendar days ("2026-03-10", already the member's local day):
  // read and written in UTC so no time zone moves them to another day.
  var shortFormat = dateFormat({ month: "short", day: "numeric", timeZone: "UTC" });
  var longFormat = dateFormat({
    weekday: "short", month: "short", day: "numeric", year: "numeric", timeZone: "UTC"
  });

  function asDay(label) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(label));
    if (!parts) {
      return null;
    }
    return new Date(Date.UTC(+parts[1], +parts[2] - 1, +parts[3]));
  }

  function shortDay(label) {
    var day = asDay(label);
    return day ? shortFormat.format(day) : label;
  }

  function longDay(label) {
    var day = asDay(label);
    return day ? longFormat.format(day) : label;
  }

  function tickLimit(width) {
    return width < NARROW ? 5 : 8;
  }

  // The options of an x axis of days: short dates, level, a few of them.
  function dayAxis(canvas) {
    var width = canvas.parentNode ? canvas.parentNode.clientWidth : NARROW;
    return {
      ticks: {
        maxRotation: 0,
        autoSkip: true,
        autoSkipPadding: 12,
        maxTicksLimit: tickLimit(width),
        callback: function (value) {
          return shortDay(this.getLabelForValue(value));
        }
      },
      grid: { display: false }
    };
  }

  function onResize(chart, size) {
    chart.options.scales.x.ticks.maxTicksLimit = tickLimit(size.width);
  }

  var tooltipTitle = function (items) {
    return items.length ? longDay(items[0].label) : "";
  };

  window.KinshipCharts = {
    dayAxis: dayAxis,
    onResize: onResize,
    tooltipTitle: tooltipTitle
  };

  // "Mood, 7-day average: 3.0" with one decimal, as in the table.
  var oneDecimal = (function () {
    var options = { minimumFractionDigits: 1, maximumFractionDigits: 1 };
    try {
      return new Intl.NumberFormat(language, options);
    } catch (error) {
      return new Intl.NumberFormat(undefined, options);
    }
  })();

  function tooltipLabel(item) {
    var value = item.dataset.average ? oneDecimal.format(item.raw) : item.raw;
    return item.dataset.label + ": " + value;
  }

  var reduceMotion = window.matchMedia &&
    window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function datasets(data, measure) {
    var style = STYLES[measure];
    var labels = data.measures[measure];
    // The average first: Chart.js draws the first dataset on top, and lists
    // it first in the legend and the tooltip.
    return [
      {
        label: labels.average_label,
        data: data.average[measure],
        average: true,
        borderColor: style.colour,
        backgroundColor: style.colour,
        borderWidth: 3,
        borderDash: style.dash,
        pointStyle: "line",
        pointRadius: 0,
        pointHitRadius: 6,
        spanGaps: false
      },
      {
        label: labels.daily_label,
        data: data[measure],
        showLine: false,
        borderColor: style.colour,
        backgroundColor: "#ffffff",
        pointStyle: style.point,
        pointRadius: 2.5,
        pointHoverRadius: 4,
        pointBorderWidth: 1.25
      }
    ];
  }

  var canvases = document.querySelectorAll("canvas[data-trend]");
  Array.prototype.forEach.call(canvases, function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-trend"));
    if (!source) {
      return;
    }
    var data = JSON.parse(source.textContent);
    var measures = (canvas.getAttribute("data-measures") || "").split(" ").filter(
      function (measure) { return data.measures[measure] && STYLES[measure]; }
    );
    if (!measures.length) {
      return;
    }
    var low = Math.min.apply(null, measures.map(function (m) { return data.measures[m].min; }));
    var high = Math.max.apply(null, measures.map(function (m) { return data.measures[m].max; }));
    new Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: measures.reduce(function (all, measure) {
          return all.concat(datasets(data, measure));
        }, [])
      },
      options: {
        animation: reduceMotion ? false : { duration: 300 },
        responsive: true,
        maintainAspectRatio: false,
        onResize: onResize,
        interaction: { mode: "index", intersect: false },
        plugins: {
          legend: { labels: { usePointStyle: true, boxWidth: 24, boxHeight: 8 } },
          tooltip: {
            // A day without a check-in (or an average) has nothing to show.
            filter: function (item) { return item.raw !== null; },
            callbacks: { title: tooltipTitle, label: tooltipLabel }
          }
        },
        scales: {
          x: dayAxis(canvas),
          y: {
            type: "linear",
            min: low,
            max: high,
            ticks: { stepSize: high - low > 5 ? 2 : 1 },
            title: { display: Boolean(canvas.getAttribute("data-axis")),
                     text: canvas.getAttribute("data-axis") || "" }
          }
        }
      }
    });
  });
})();
