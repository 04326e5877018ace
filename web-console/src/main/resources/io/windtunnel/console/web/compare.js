// The Compare page: picks runs and stacks (?run=ID repeated, ?pick=ID/STACK to keep only some stacks), merges their
// chart data (/api/runs/ID/chart-data, the JSON each report.html embeds) into one data set and draws it with
// report.js, the report's own chart code, so the console and report.html draw the same charts.
(function () {
  'use strict';
  var wt = window.wt;
  wt.nav('compare');
  var runIds = wt.query('run');
  var picks = wt.query('pick');
  var picker = document.getElementById('picker');

  var fail = wt.fail;

  function picked(runId, stack) {
    if (picks.length === 0) {
      return runIds.indexOf(runId) >= 0;
    }
    return picks.indexOf(runId + '/' + stack) >= 0;
  }

  // The picker: every complete run with its stacks; checked as the URL says.
  wt.api('/api/runs').then(function (data) {
    data.runs.filter(function (r) { return r.status === 'complete'; }).forEach(function (run) {
      var block = wt.el('div', {'class': 'picker-run'});
      var label = wt.el('label');
      var box = wt.el('input', {type: 'checkbox', 'class': 'pick-run', 'data-run': run.id});
      box.checked = runIds.indexOf(run.id) >= 0;
      label.appendChild(box);
      label.appendChild(document.createTextNode(' ' + run.id + ' (' + (run.scenario || '?') + ')'));
      block.appendChild(label);
      var stacks = wt.el('div', {'class': 'picker-stacks'});
      run.stacks.forEach(function (s) {
        var l = wt.el('label');
        var b = wt.el('input', {type: 'checkbox', 'class': 'pick-stack', 'data-run': run.id, 'data-stack': s.name});
        b.checked = box.checked && picked(run.id, s.name);
        b.addEventListener('change', function () {
          if (b.checked) {
            box.checked = true;
          }
        });
        l.appendChild(b);
        l.appendChild(document.createTextNode(' ' + s.name));
        stacks.appendChild(l);
      });
      box.addEventListener('change', function () {
        stacks.querySelectorAll('input').forEach(function (b) { b.checked = box.checked; });
      });
      block.appendChild(stacks);
      picker.appendChild(block);
    });
  }).catch(fail);

  document.getElementById('draw').addEventListener('click', function () {
    var params = new URLSearchParams();
    var all = true;
    var chosen = [];
    document.querySelectorAll('.pick-run').forEach(function (box) {
      var stacks = document.querySelectorAll('.pick-stack[data-run="' + CSS.escape(box.dataset.run) + '"]');
      var some = [];
      stacks.forEach(function (b) {
        if (b.checked) {
          some.push(box.dataset.run + '/' + b.dataset.stack);
        } else if (box.checked) {
          all = false;
        }
      });
      if (box.checked && some.length) {
        params.append('run', box.dataset.run);
        chosen = chosen.concat(some);
      }
    });
    if (!all) {
      chosen.forEach(function (p) { params.append('pick', p); });
    }
    window.location.search = params.toString();
  });

  // Lines of every picked stack, on one time axis: the runs' own when they are the same, otherwise each run
  // shifted to start where the first one starts.
  function merge(parts) {
    var first = parts[0].data;
    var many = parts.length > 1;
    var sameX = parts.every(function (p) {
      return JSON.stringify(p.data.time.x) === JSON.stringify(first.time.x);
    });
    var shifted = parts.map(function (p) {
      var offset = sameX ? 0 : first.time.x[0] - p.data.time.x[0];
      return p.data.time.x.map(function (x) { return x + offset; });
    });
    var x = sameX ? first.time.x.slice() : Array.from(new Set([].concat.apply([], shifted)))
      .sort(function (a, b) { return a - b; });
    var at = {};
    x.forEach(function (v, i) { at[v] = i; });
    function onAxis(p, line) {
      var out = x.map(function () { return null; });
      shifted[p].forEach(function (v, i) { out[at[v]] = line[i]; });
      return out;
    }
    var merged = {scenario: 'compare', stacks: [],
      spectrum: {x: first.spectrum.x, percentiles: first.spectrum.percentiles, ms: []},
      time: {rowsPerPoint: first.time.rowsPerPoint, intervalSeconds: first.time.intervalSeconds, x: x,
        latencyP50Ms: [], latencyP99Ms: [], readyReplicas: [], preemptions: [], costUsd: [], costGroups: []},
      outcomes: {labels: first.outcomes.labels, counts: []}};
    var groups = [];
    parts.forEach(function (p) {
      p.data.time.costGroups.forEach(function (g) {
        if (groups.indexOf(g.name) < 0) {
          groups.push(g.name);
        }
      });
    });
    merged.time.costGroups = groups.map(function (name) { return {name: name, costUsd: []}; });
    parts.forEach(function (p, pi) {
      p.stacks.forEach(function (s) {
        var d = p.data;
        merged.stacks.push(many ? p.run + ': ' + d.stacks[s] : d.stacks[s]);
        merged.spectrum.ms.push(d.spectrum.ms[s]);
        ['latencyP50Ms', 'latencyP99Ms', 'readyReplicas', 'preemptions', 'costUsd'].forEach(function (key) {
          merged.time[key].push(onAxis(pi, d.time[key][s]));
        });
        merged.time.costGroups.forEach(function (g) {
          var own = d.time.costGroups.filter(function (c) { return c.name === g.name; })[0];
          g.costUsd.push(own ? onAxis(pi, own.costUsd[s]) : x.map(function () { return null; }));
        });
        merged.outcomes.counts.push(d.outcomes.counts[s]);
      });
    });
    document.getElementById('align-note').textContent = sameX ? '' : 'The runs cover different times: each is ' +
      'shifted to start where the first one does, so the time axis is the first run\'s.';
    return merged;
  }

  if (runIds.length) {
    Promise.all(runIds.map(function (id) {
      return wt.api('/api/runs/' + encodeURIComponent(id) + '/chart-data').then(function (data) {
        var stacks = [];
        data.stacks.forEach(function (name, i) {
          if (picked(id, name)) {
            stacks.push(i);
          }
        });
        return {run: id, data: data, stacks: stacks};
      });
    })).then(function (parts) {
      parts = parts.filter(function (p) { return p.stacks.length > 0; });
      if (parts.length === 0) {
        throw new Error('no stack picked');
      }
      document.getElementById('report-data').textContent = JSON.stringify(merge(parts));
      document.getElementById('charts').hidden = false;
      var script = document.createElement('script');
      script.src = '/assets/report.js';
      document.body.appendChild(script);
    }).catch(fail);
  }
})();
