// The Run page: status, live progress while it runs, headline numbers, file downloads and the run's report.html.
(function () {
  'use strict';
  var wt = window.wt;
  wt.nav('runs');
  var id = wt.query('id')[0];
  var base = '/api/runs/' + encodeURIComponent(id || '');

  function show(sectionId) {
    document.getElementById(sectionId).hidden = false;
  }

  var fail = wt.fail;

  function render(run) {
    document.title = run.id + ': windtunnel console';
    document.getElementById('title').textContent = run.id;
    var line = document.getElementById('status-line');
    line.textContent = '';
    line.appendChild(wt.statusBadge(run.status));
    var facts = [run.scenario ? 'scenario ' + run.scenario : null,
      run.seed != null ? 'seed ' + run.seed : null,
      run.replications != null ? run.replications + ' replication(s)' : null,
      run.durationSeconds != null ? wt.duration(run.durationSeconds) + ' simulated' : null,
      'folder written ' + run.date.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')];
    line.appendChild(document.createTextNode(' ' + facts.filter(Boolean).join(', ')));
    if (run.message) {
      line.appendChild(wt.el('span', {'class': 'note', id: 'run-message'}, ' ' + run.message));
    }

    if (run.status === 'running' || run.status === 'queued') {
      show('live');
      wt.watchProgress(run.id, document.getElementById('progress-box'), function () {
        setTimeout(load, 200);
      });
      document.getElementById('cancel').onclick = function () {
        wt.api(base + '/cancel', {method: 'POST'}).catch(fail);
      };
    } else {
      document.getElementById('live').hidden = true;
    }

    if (run.stacks && run.stacks.length && run.status === 'complete') {
      show('headline');
      var table = document.getElementById('headline-table');
      table.textContent = '';
      var head = wt.el('tr');
      ['stack', 'cost (USD)', 'p99 (ms)', 'availability (requests)'].forEach(function (h) {
        head.appendChild(wt.el('th', null, h));
      });
      table.appendChild(head);
      run.stacks.forEach(function (s) {
        var row = wt.el('tr');
        row.appendChild(wt.el('td', null, s.name));
        row.appendChild(wt.el('td', {'class': 'num'}, wt.number(s.costUsd, 4)));
        row.appendChild(wt.el('td', {'class': 'num'}, wt.number(s.p99Ms, 2)));
        row.appendChild(wt.el('td', {'class': 'num'}, wt.number(100 * s.availability, 4) + '%'));
        table.appendChild(row);
      });
    }

    if (run.files && run.files.length) {
      show('files');
      var list = document.getElementById('file-list');
      list.textContent = '';
      run.files.forEach(function (f) {
        var item = wt.el('li');
        var href = base + '/files/' + encodeURIComponent(f.name);
        item.appendChild(wt.el('a', {href: href + '?download', download: f.name, 'class': 'file-link'}, f.name));
        item.appendChild(document.createTextNode(' (' + wt.number(f.bytes / 1024, 1) + ' KB)'));
        list.appendChild(item);
      });
      var hasReport = run.files.some(function (f) { return f.name === 'report.html'; });
      if (hasReport && run.status === 'complete') {
        show('report');
        var frame = document.getElementById('report-frame');
        if (!frame.getAttribute('src')) {
          frame.setAttribute('src', base + '/files/report.html');
        }
        document.getElementById('report-link').setAttribute('href', base + '/files/report.html');
        document.getElementById('compare-link').setAttribute('href', '/compare.html?run=' + encodeURIComponent(run.id));
      }
    }
  }

  function load() {
    if (!id) {
      fail(new Error('no run named: open a run from the Runs page'));
      return;
    }
    wt.api(base).then(render).catch(fail);
  }
  load();
})();
