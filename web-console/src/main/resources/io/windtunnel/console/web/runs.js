// The Runs page: the list of /api/runs, filtered and sorted in the page, refreshed every 5 s.
(function () {
  'use strict';
  var wt = window.wt;
  wt.nav('runs');
  var body = document.querySelector('#runs tbody');
  var filter = document.getElementById('filter');
  var statusFilter = document.getElementById('status-filter');
  var compare = document.getElementById('compare-selected');
  var sortKey = 'date';
  var sortDir = -1;
  var runs = [];
  var selected = {};

  function best(run, key) {
    var values = (run.stacks || []).map(function (s) { return s[key]; })
      .filter(function (v) { return v != null; });
    return values.length ? Math.min.apply(null, values) : null;
  }

  function matches(run) {
    var text = filter.value.trim().toLowerCase();
    if (statusFilter.value && run.status !== statusFilter.value) {
      return false;
    }
    if (!text) {
      return true;
    }
    var hay = [run.id, run.scenario || '', run.status].concat((run.stacks || []).map(function (s) {
      return s.name;
    })).join(' ').toLowerCase();
    return hay.indexOf(text) >= 0;
  }

  function render() {
    var shown = runs.filter(matches);
    shown.sort(function (a, b) {
      var x = a[sortKey];
      var y = b[sortKey];
      if (x == null && y == null) { return 0; }
      if (x == null) { return 1; }
      if (y == null) { return -1; }
      return (x < y ? -1 : x > y ? 1 : 0) * sortDir;
    });
    body.textContent = '';
    shown.forEach(function (run) {
      var row = wt.el('tr', {'class': 'run', 'data-id': run.id, 'data-status': run.status});
      var box = wt.el('input', {type: 'checkbox', 'aria-label': 'select ' + run.id});
      box.checked = !!selected[run.id];
      box.disabled = run.status !== 'complete';
      box.addEventListener('change', function () {
        selected[run.id] = box.checked;
        updateCompare();
      });
      var cell = wt.el('td');
      cell.appendChild(box);
      row.appendChild(cell);
      var link = wt.el('td');
      link.appendChild(wt.el('a', {href: '/run.html?id=' + encodeURIComponent(run.id), 'class': 'run-link'}, run.id));
      row.appendChild(link);
      row.appendChild(wt.el('td', null, run.scenario || '--'));
      var status = wt.el('td');
      status.appendChild(wt.statusBadge(run.status));
      if (run.fraction != null) {
        status.appendChild(document.createTextNode(' ' + wt.number(100 * run.fraction, 0) + '%'));
      }
      row.appendChild(status);
      row.appendChild(wt.el('td', null, run.date.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')));
      row.appendChild(wt.el('td', {'class': 'num'}, wt.duration(run.durationSeconds)));
      row.appendChild(wt.el('td', {'class': 'num'}, wt.number(run.bestCost, 2)));
      row.appendChild(wt.el('td', {'class': 'num'}, wt.number(run.bestP99, 1)));
      var stacks = wt.el('td', {'class': 'stacks'});
      (run.stacks || []).forEach(function (s) {
        stacks.appendChild(wt.el('div', {'class': 'stack'}, s.name + (s.costUsd == null ? '' : ': ' +
          wt.number(s.costUsd, 2) + ' USD, p99 ' + wt.number(s.p99Ms, 1) + ' ms, ' +
          wt.number(100 * s.availability, 3) + '% available')));
      });
      if (run.message) {
        stacks.appendChild(wt.el('div', {'class': 'note'}, run.message));
      }
      row.appendChild(stacks);
      body.appendChild(row);
    });
    document.getElementById('count').textContent = shown.length + ' of ' + runs.length + ' run(s)';
    document.querySelectorAll('#runs th[data-sort]').forEach(function (th) {
      th.classList.toggle('sorted-asc', th.dataset.sort === sortKey && sortDir > 0);
      th.classList.toggle('sorted-desc', th.dataset.sort === sortKey && sortDir < 0);
    });
    updateCompare();
  }

  function updateCompare() {
    var ids = Object.keys(selected).filter(function (k) { return selected[k]; });
    compare.disabled = ids.length === 0;
    compare.textContent = 'Compare selected' + (ids.length ? ' (' + ids.length + ')' : '');
  }

  compare.addEventListener('click', function () {
    var params = new URLSearchParams();
    Object.keys(selected).filter(function (k) { return selected[k]; }).forEach(function (id) {
      params.append('run', id);
    });
    window.location.href = '/compare.html?' + params.toString();
  });

  document.querySelectorAll('#runs th[data-sort]').forEach(function (th) {
    th.addEventListener('click', function () {
      sortDir = th.dataset.sort === sortKey ? -sortDir : 1;
      sortKey = th.dataset.sort;
      render();
    });
  });
  filter.addEventListener('input', render);
  statusFilter.addEventListener('change', render);

  function load() {
    wt.api('/api/runs').then(function (data) {
      runs = data.runs.map(function (run) {
        run.bestCost = best(run, 'costUsd');
        run.bestP99 = best(run, 'p99Ms');
        return run;
      });
      document.getElementById('error').hidden = true;
      window.runsLoaded = (window.runsLoaded || 0) + 1;
      render();
    }).catch(wt.fail);
  }
  load();
  setInterval(load, 5000);
})();
