// Draws report.html's charts with uPlot (inlined before this script) from the JSON in #report-data.
// Names from the scenario reach the DOM only as text (textContent, uPlot's labels), never as HTML.
// Every chart is kept in window.charts as {id, title, plot} so tests can read what was drawn.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
    '#bcbd22', '#17becf'];
  var grid = document.getElementById('chart-grid');
  window.charts = [];

  function color(i) {
    return palette[i % palette.length];
  }

  function duration(seconds) {
    var units = [[86400, 'd'], [3600, 'h'], [60, 'm'], [1, 's']];
    var out = '';
    var left = Math.round(seconds * 1000) / 1000;
    for (var i = 0; i < units.length; i++) {
      var n = Math.floor(left / units[i][0]);
      if (n > 0) {
        out += n + units[i][1];
        left -= n * units[i][0];
      }
    }
    return out === '' ? seconds + 's' : out + (left > 0 ? left.toFixed(3).replace(/0+$/, '') + 's' : '');
  }

  function number(v, digits) {
    return v == null ? '--' : v.toLocaleString('en-US', {maximumFractionDigits: digits});
  }

  function figure(id, title, note) {
    var fig = document.createElement('figure');
    fig.id = id;
    var caption = document.createElement('figcaption');
    caption.textContent = title;
    fig.appendChild(caption);
    if (note) {
      var p = document.createElement('p');
      p.className = 'note';
      p.textContent = note;
      fig.appendChild(p);
    }
    var box = document.createElement('div');
    box.className = 'chart';
    fig.appendChild(box);
    grid.appendChild(fig);
    return box;
  }

  function width(box) {
    return Math.max(320, Math.floor(box.getBoundingClientRect().width));
  }

  function stackSeries(digits, extra) {
    return data.stacks.map(function (name, i) {
      var s = {label: name, stroke: color(i), width: 1.5, spanGaps: false, points: {show: false},
        value: function (u, v) { return number(v, digits); }};
      if (extra) {
        for (var key in extra) {
          s[key] = extra[key];
        }
      }
      return s;
    });
  }

  function add(id, title, note, opts, plotData) {
    var box = figure(id, title, note);
    opts.width = width(box);
    opts.height = 260;
    var plot = new uPlot(opts, plotData, box);
    window.charts.push({id: id, title: title, plot: plot});
    return plot;
  }

  // Axis numbers with at most 4 significant digits: uPlot's defaults repeat '0.001' on an axis of tenths of a cent.
  function axisNumbers(u, splits) {
    return splits.map(function (v) {
      return v == null ? '' : Number(v.toPrecision(4)).toLocaleString('en-US', {maximumFractionDigits: 8});
    });
  }

  var utc = function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); };

  function timeChart(id, title, note, yLabel, rows, digits, extra) {
    return add(id, title, note, {
      tzDate: utc,
      scales: {x: {time: true}},
      series: [{label: 'time (UTC)'}].concat(stackSeries(digits, extra)),
      axes: [{}, {label: yLabel, size: 60, values: axisNumbers}],
      legend: {live: true}
    }, [data.time.x].concat(rows));
  }

  // Latency percentile spectrum: x is 1 / (1 - percentile), so each decade is one more nine.
  var spectrum = data.spectrum;
  add('chart-spectrum', 'Latency by percentile (all replications)', 'Measured requests after the warm-up; ' +
      'x is the percentile on HdrHistogram\'s log scale (each step one more nine).', {
    scales: {x: {time: false, distr: 3}},
    series: [{label: 'percentile', value: function (u, v) {
      return v == null ? '--' : (100 * (1 - 1 / v)).toPrecision(6).replace(/\.?0+$/, '') + '%';
    }}].concat(stackSeries(2)),
    axes: [{label: 'percentile', values: function (u, splits) {
      return splits.map(function (v) {
        var p = 100 * (1 - 1 / v);
        return Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9 ?
          (Math.round(p * 1000) / 1000) + '%' : '';
      });
    }}, {label: 'latency (ms)', size: 60}]
  }, [spectrum.x].concat(spectrum.ms));

  var t = data.time;
  var span = duration(t.intervalSeconds * t.rowsPerPoint);
  var sampled = t.rowsPerPoint > 1 ? 'Each point is ' + t.rowsPerPoint + ' rows of timeseries.csv (' + span +
      '); ' : '';
  document.getElementById('chart-note').textContent = 'One line per policy stack, mean over replications. ' +
      (t.rowsPerPoint > 1 ? 'Time series are downsampled for this page (timeseries.csv keeps every row): ' +
        'each point stands for ' + t.rowsPerPoint + ' rows (' + span + '), latency the highest of them, ' +
        'ready replicas their mean, preemptions their sum, cumulative cost the last. ' :
        'Time series have one point per row of timeseries.csv (' + span + '). ') +
      'A gap in a latency line is a stretch without measured completions (e.g. the warm-up), not 0.';

  timeChart('chart-latency-p50', 'Latency p50 over time', sampled ? sampled + 'the highest p50.' : null,
      'p50 (ms)', t.latencyP50Ms, 2);
  timeChart('chart-latency-p99', 'Latency p99 over time', sampled ? sampled + 'the highest p99.' : null,
      'p99 (ms)', t.latencyP99Ms, 2);
  timeChart('chart-cost', 'Cost over time (cumulative, all providers)', null, 'USD', t.costUsd, 2);
  // One chart per provider and market that some stack paid for; the others are named in one note.
  var unused = [];
  t.costGroups.forEach(function (group, i) {
    var paid = group.costUsd.some(function (line) {
      return line.some(function (v) { return v != null && v !== 0; });
    });
    if (paid) {
      timeChart('chart-cost-' + i, 'Cost over time (cumulative): ' + group.name, null, 'USD', group.costUsd, 4);
    } else {
      unused.push(group.name);
    }
  });
  if (unused.length > 0) {
    var none = document.createElement('p');
    none.className = 'note';
    none.id = 'unused-markets';
    none.textContent = 'No stack paid for ' + unused.join(', ') + '.';
    grid.parentNode.insertBefore(none, grid.nextSibling);
  }
  timeChart('chart-ready', 'Ready replicas', sampled ? sampled + 'their mean.' : null, 'replicas',
      t.readyReplicas, 1);
  timeChart('chart-preemptions', 'Preemptions per ' + span, null, 'preemptions', t.preemptions, 1,
      {paths: uPlot.paths.stepped({align: 1})});

  // Request outcomes as grouped bars: category c, stack s sits at slot c * (stacks + 1) + s; a log axis, since
  // completions outnumber the rest by orders of magnitude (a missing bar is 0).
  var o = data.outcomes;
  var n = data.stacks.length;
  var slots = [];
  for (var x = 0; x < o.labels.length * (n + 1) - 1; x++) {
    slots.push(x);
  }
  var bars = data.stacks.map(function (name, s) {
    return slots.map(function (x) {
      var c = Math.floor(x / (n + 1));
      var v = x % (n + 1) === s ? o.counts[s][c] : null;
      return v == null || v <= 0 ? null : v;
    });
  });
  add('chart-outcomes', 'Request outcomes (mean per replication, after the warm-up)',
      'Log scale; a missing bar is 0.', {
    // The log axis starts below 1 so that a count of 1 (a single timeout) still shows as a bar.
    scales: {x: {time: false, range: [-0.75, slots.length - 0.25]}, y: {distr: 3, range: function (u, min, max) {
      return [0.1, Math.pow(10, Math.ceil(Math.log10(Math.max(max || 1, 1)) + 0.3))];
    }}},
    series: [{label: 'outcome', value: function (u, v) {
      return v == null ? '--' : o.labels[Math.floor(v / (n + 1))];
    }}].concat(stackSeries(1, {fill: null, paths: uPlot.paths.bars({size: [0.9, Infinity], align: 0})})
        .map(function (s, i) { s.fill = color(i); return s; })),
    axes: [{label: 'outcome', splits: function () {
      return o.labels.map(function (l, c) { return c * (n + 1) + (n - 1) / 2; });
    }, values: function (u, splits) {
      return splits.map(function (v) { return o.labels[Math.round((v - (n - 1) / 2) / (n + 1))]; });
    }, grid: {show: false}}, {label: 'requests', size: 70}]
  }, [slots].concat(bars));
})();
