// The sweep view: a metric against an axis, one line per stack, from a sweep's data (SweepPage.data, format in
// docs/spark.md). Used by a sweep's report.html (data embedded in #sweep-data) and by the console's sweep page
// (data from /api/sweeps/ID/chart-data), with uPlot loaded before it. Names from the sweep reach the DOM only as
// text (textContent, option text, uPlot's labels), never as HTML.
//
// A point (stack, axis value) is computed from the variants that ran with that value (and, for every other axis
// fixed to a value, with that one): per seed, the mean of those variants' figures (each already the mean over the
// variant's replications; an averaged axis is averaged here); then the mean over seeds, with the 95% Student-t
// interval over the seeds' means when there are two or more. window.charts holds {id, title, plot} and
// window.sweepPoints what was drawn, for tests.
(function () {
  'use strict';
  var palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
    '#bcbd22', '#17becf'];

  function color(i) {
    return palette[i % palette.length];
  }

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var key in attrs || {}) {
      e.setAttribute(key, attrs[key]);
    }
    if (text != null) {
      e.textContent = text;
    }
    return e;
  }

  function number(v, digits) {
    return v == null ? '--' : Number(v.toPrecision(digits)).toLocaleString('en-US', {maximumFractionDigits: 12});
  }

  // The points of one choice: for each stack, per value of the axis, {mean, half, n} (null mean: no variant).
  function points(data, metric, axis, fixed) {
    var m = data.metrics.indexOf(metric);
    var values = data.axes[axis].values.length;
    return data.stacks.map(function (name, st) {
      var sums = [];
      var counts = [];
      for (var x = 0; x < values; x++) {
        sums.push(new Array(data.seeds.length).fill(0));
        counts.push(new Array(data.seeds.length).fill(0));
      }
      data.variants.forEach(function (variant) {
        for (var a = 0; a < variant.v.length; a++) {
          if (a !== axis && fixed[a] != null && variant.v[a] !== fixed[a]) {
            return;
          }
        }
        var row = variant.m[st];
        var value = row == null ? null : row[m];
        if (value == null) {
          return;
        }
        sums[variant.v[axis]][variant.s] += value;
        counts[variant.v[axis]][variant.s]++;
      });
      var out = {name: name, mean: [], half: [], n: []};
      for (var v = 0; v < values; v++) {
        var perSeed = [];
        for (var s = 0; s < data.seeds.length; s++) {
          if (counts[v][s] > 0) {
            perSeed.push(sums[v][s] / counts[v][s]);
          }
        }
        var n = perSeed.length;
        var mean = n === 0 ? null : perSeed.reduce(function (a, b) { return a + b; }, 0) / n;
        var half = null;
        if (n >= 2) {
          var squares = perSeed.reduce(function (a, b) { return a + (b - mean) * (b - mean); }, 0);
          var t = data.t95[Math.min(n - 1, data.t95.length - 1)];
          half = t * Math.sqrt(squares / (n - 1)) / Math.sqrt(n);
        }
        out.mean.push(mean);
        out.half.push(half);
        out.n.push(n);
      }
      return out;
    });
  }

  // Error bars for the intervals, drawn on uPlot's canvas after the series (not extra series: one line per stack).
  function errorBars(u) {
    var drawn = u.sweepLines;
    if (!drawn) {
      return;  // the first draw, inside uPlot's constructor: redrawn once the lines are attached
    }
    var ctx = u.ctx;
    ctx.save();
    drawn.forEach(function (line, st) {
      if (!u.series[st + 1].show) {
        return;
      }
      ctx.strokeStyle = color(st);
      ctx.lineWidth = 1.5 * devicePixelRatio;
      line.mean.forEach(function (mean, i) {
        if (mean == null || line.half[i] == null) {
          return;
        }
        var x = Math.round(u.valToPos(u.data[0][i], 'x', true));
        var top = Math.round(u.valToPos(mean + line.half[i], 'y', true));
        var bottom = Math.round(u.valToPos(mean - line.half[i], 'y', true));
        var w = 4 * devicePixelRatio;
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, bottom);
        ctx.moveTo(x - w, top);
        ctx.lineTo(x + w, top);
        ctx.moveTo(x - w, bottom);
        ctx.lineTo(x + w, bottom);
        ctx.stroke();
      });
    });
    ctx.restore();
  }

  // Draw the view into root (emptied first): the controls, the chart, a note saying what a point is, and a table.
  function sweepView(data, root) {
    root.textContent = '';
    window.charts = window.charts || [];
    if (data.variants.length === 0 || data.axes.length === 0) {
      root.appendChild(el('p', {'class': 'note', id: 'sweep-empty'}, data.axes.length === 0 ?
        'This sweep has no axes: nothing to draw against.' : 'No variant ran: nothing to draw.'));
      return;
    }
    var controls = el('div', {'class': 'controls', id: 'sweep-controls'});
    var metricSelect = el('select', {id: 'sweep-metric', 'aria-label': 'metric'});
    data.metrics.forEach(function (name) {
      metricSelect.appendChild(el('option', {value: name}, name));
    });
    metricSelect.value = data.metrics.indexOf(data.objective) >= 0 ? data.objective : data.metrics[0];
    var axisSelect = el('select', {id: 'sweep-axis', 'aria-label': 'axis'});
    data.axes.forEach(function (axis, a) {
      axisSelect.appendChild(el('option', {value: String(a)}, axis.path));
    });
    controls.appendChild(el('label', null, 'metric '));
    controls.lastChild.appendChild(metricSelect);
    controls.appendChild(el('label', null, ' against '));
    controls.lastChild.appendChild(axisSelect);
    var others = el('div', {'class': 'controls', id: 'sweep-others'});
    var chartBox = el('div', {'class': 'chart', id: 'sweep-chart'});
    var note = el('p', {'class': 'note', id: 'sweep-note'});
    var table = el('table', {id: 'sweep-table'});
    [controls, others, chartBox, note, table].forEach(function (e) { root.appendChild(e); });
    var fixedSelects = [];
    var plot = null;

    function buildOthers() {
      others.textContent = '';
      fixedSelects = [];
      var axis = Number(axisSelect.value);
      data.axes.forEach(function (other, a) {
        if (a === axis) {
          fixedSelects.push(null);
          return;
        }
        var select = el('select', {id: 'sweep-fix-' + a, 'aria-label': other.path});
        select.appendChild(el('option', {value: ''}, 'averaged over its ' + other.values.length + ' values'));
        other.values.forEach(function (value, v) {
          select.appendChild(el('option', {value: String(v)}, '= ' + value));
        });
        select.onchange = draw;
        var label = el('label', null, other.path + ' ');
        label.appendChild(select);
        others.appendChild(label);
        fixedSelects.push(select);
      });
    }

    function draw() {
      var axis = Number(axisSelect.value);
      var metric = metricSelect.value;
      var fixed = fixedSelects.map(function (s) { return s == null || s.value === '' ? null : Number(s.value); });
      var lines = points(data, metric, axis, fixed);
      var ax = data.axes[axis];
      var numeric = ax.numbers != null;
      var xs = numeric ? ax.numbers.slice() : ax.values.map(function (v, i) { return i; });
      // uPlot needs ascending x: numeric values are drawn in their numeric order.
      var order = xs.map(function (x, i) { return i; }).sort(function (a, b) { return xs[a] - xs[b]; });
      var sorted = lines.map(function (line) {
        return {name: line.name, mean: order.map(function (i) { return line.mean[i]; }),
          half: order.map(function (i) { return line.half[i]; }), n: order.map(function (i) { return line.n[i]; })};
      });
      var x = order.map(function (i) { return xs[i]; });
      var labels = order.map(function (i) { return ax.values[i]; });
      window.sweepPoints = {metric: metric, axis: ax.path, fixed: fixed, values: labels, stacks: sorted};

      var fixedText = [];
      data.axes.forEach(function (other, a) {
        if (a !== axis) {
          fixedText.push(other.path + (fixed[a] == null ? ' averaged over its values' :
            ' fixed at ' + other.values[fixed[a]]));
        }
      });
      var maxN = 0;
      sorted.forEach(function (line) { line.n.forEach(function (n) { maxN = Math.max(maxN, n); }); });
      note.textContent = 'Each point: the mean of ' + metric + ' over the variants with that value of ' + ax.path +
          (fixedText.length ? ' (' + fixedText.join('; ') + ')' : '') + ', each variant the mean of its ' +
          'replications. ' + (maxN >= 2 ? 'Bars: 95% Student-t interval over the ' + maxN + ' seeds (each seed\'s ' +
          'figure averaged first).' : 'One seed: no interval (replications are averaged inside a variant; ' +
          'sweep more seeds for intervals).') + (numeric ? '' : ' The values are not numbers: drawn in file order.');

      table.textContent = '';
      var head = el('tr');
      head.appendChild(el('th', null, ax.path));
      sorted.forEach(function (line) { head.appendChild(el('th', null, line.name)); });
      table.appendChild(head);
      labels.forEach(function (label, i) {
        var row = el('tr');
        row.appendChild(el('td', null, label));
        sorted.forEach(function (line) {
          row.appendChild(el('td', {'class': 'num'}, line.mean[i] == null ? '--' : number(line.mean[i], 6) +
            (line.half[i] == null ? '' : ' \u00b1 ' + number(line.half[i], 3)) + ' (n=' + line.n[i] + ')'));
        });
        table.appendChild(row);
      });

      if (plot) {
        plot.destroy();
        window.charts = window.charts.filter(function (c) { return c.plot !== plot; });
      }
      var xPad = (x[x.length - 1] - x[0]) * 0.05 || 1;
      var opts = {
        width: Math.max(320, Math.floor(chartBox.getBoundingClientRect().width) || 640),
        height: 320,
        // The x range is fixed from the values (uPlot's range function for x is not given them on the first draw).
        scales: {x: {time: false, auto: false, range: [x[0] - xPad, x[x.length - 1] + xPad]},
          y: {range: function (u, min, max) {
          var lo = min;
          var hi = max;
          sorted.forEach(function (line) {
            line.mean.forEach(function (m, i) {
              if (m != null && line.half[i] != null) {
                lo = Math.min(lo, m - line.half[i]);
                hi = Math.max(hi, m + line.half[i]);
              }
            });
          });
          var pad = lo === hi ? Math.abs(lo) * 0.1 || 1 : (hi - lo) * 0.08;
          return [lo - pad, hi + pad];
        }}},
        series: [{label: ax.path, value: function (u, v) {
          var i = x.indexOf(v);
          return i < 0 ? '--' : labels[i];
        }}].concat(sorted.map(function (line, st) {
          return {label: line.name, stroke: color(st), width: 1.5, spanGaps: true,
            points: {show: true, size: 6}, value: function (u, v, si, i) {
              return v == null ? '--' : number(v, 6) + (i != null && line.half[i] != null ?
                ' \u00b1 ' + number(line.half[i], 3) : '');
            }};
        })),
        axes: [{label: ax.path, splits: function () { return x; }, values: function (u, splits) {
          return splits.map(function (v) { var i = x.indexOf(v); return i < 0 ? '' : labels[i]; });
        }}, {label: metric, size: 70}],
        hooks: {draw: [errorBars]}
      };
      plot = new uPlot(opts, [x].concat(sorted.map(function (line) { return line.mean; })), chartBox);
      plot.sweepLines = sorted;
      plot.redraw();
      window.charts.push({id: 'sweep-chart', title: metric + ' against ' + ax.path, plot: plot});
    }

    metricSelect.onchange = draw;
    axisSelect.onchange = function () {
      buildOthers();
      draw();
    };
    buildOthers();
    draw();
  }

  window.sweepView = sweepView;
  var embedded = document.getElementById('sweep-data');
  if (embedded) {
    sweepView(JSON.parse(embedded.textContent), document.getElementById('sweep-view'));
  }
})();
