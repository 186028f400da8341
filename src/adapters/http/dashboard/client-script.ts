/**
 * The dashboard's one script: draws every `[data-chart]` element with uPlot from the chart spec the
 * server wrote into the attribute, and redraws at the container's width when the window resizes.
 * Plain ES5-style code so it runs as served, with no build step.
 */
export const DASHBOARD_SCRIPT = `(function () {
  'use strict';
  function format(kind, v) {
    if (v === null || v === undefined) return '–';
    if (kind === 'percent') return Math.round(v * 100) + ' %';
    if (kind === 'hours') return (Math.round(v * 10) / 10) + ' h';
    return String(Math.round(v * 10) / 10);
  }
  function options(spec, width) {
    var xs = spec.labels.map(function (_, i) { return i; });
    var bars = spec.kind === 'bars';
    var n = spec.series.length;
    var max = 0;
    spec.series.forEach(function (s) { s.values.forEach(function (v) { if (v !== null && v > max) max = v; }); });
    var top = spec.format === 'percent' ? Math.max(1, max) : Math.max(1, Math.ceil(max * 1.15));
    return {
      width: width,
      height: 220,
      legend: { show: n > 1 },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: false, range: [-0.5, xs.length - 0.5] }, y: { range: [0, top] } },
      axes: [
        {
          splits: function () { return xs; },
          values: function (u, splits) { return splits.map(function (v) { return spec.labels[v] || ''; }); },
          gap: 4,
          size: 36,
        },
        { values: function (u, splits) { return splits.map(function (v) { return format(spec.format, v); }); }, size: 52 },
      ],
      series: [{ label: spec.xLabel, value: function (u, v) { return v === null ? '' : spec.labels[v] || ''; } }].concat(
        spec.series.map(function (s, i) {
          return {
            label: s.label,
            stroke: s.color,
            fill: bars ? s.color : undefined,
            width: bars ? 0 : 2,
            points: { show: !bars, size: 6, fill: s.color },
            paths: bars
              ? uPlot.paths.bars({ size: [n > 1 ? 0.35 : 0.6, 48], align: n > 1 ? (i === 0 ? -1 : 1) : 0 })
              : undefined,
            spanGaps: true,
            value: function (u, v) { return format(spec.format, v); },
          };
        })
      ),
    };
  }
  var plots = [];
  function draw(el) {
    var spec = JSON.parse(el.getAttribute('data-chart'));
    var data = [spec.labels.map(function (_, i) { return i; })].concat(spec.series.map(function (s) { return s.values; }));
    el.textContent = '';
    var plot = new uPlot(options(spec, el.clientWidth), data, el);
    el.setAttribute('data-drawn', 'true');
    plots.push({ el: el, plot: plot });
  }
  document.querySelectorAll('[data-chart]').forEach(draw);
  var pending = null;
  window.addEventListener('resize', function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      plots.forEach(function (p) { p.plot.setSize({ width: p.el.clientWidth, height: 220 }); });
    }, 100);
  });
})();
`;
