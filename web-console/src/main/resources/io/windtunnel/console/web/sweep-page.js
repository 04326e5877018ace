// The Sweep page: its status, the sweep view (sweep.js, the same script as the sweep's report.html, over the data
// that report embeds: /api/sweeps/ID/chart-data) and its files.
(function () {
  'use strict';
  var wt = window.wt;
  wt.nav('runs');
  var id = wt.query('id')[0];
  var base = '/api/sweeps/' + encodeURIComponent(id || '');

  function render(sweep) {
    document.title = sweep.id + ': windtunnel console';
    document.getElementById('title').textContent = 'Sweep ' + sweep.id;
    var line = document.getElementById('status-line');
    line.textContent = '';
    line.appendChild(wt.statusBadge(sweep.status));
    var facts = [sweep.name ? 'sweep ' + sweep.name : null,
      sweep.status === 'complete' ? sweep.ran + ' of ' + sweep.variants + ' variants ran' +
        (sweep.failed ? ', ' + sweep.failed + ' failed' : '') : sweep.done + ' of ' + sweep.variants +
        ' variants written',
      'folder written ' + sweep.date.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')];
    line.appendChild(document.createTextNode(' ' + facts.filter(Boolean).join(', ')));
    if (sweep.message) {
      line.appendChild(wt.el('span', {'class': 'note', id: 'sweep-message'}, ' ' + sweep.message));
    }
    if (sweep.files && sweep.files.length) {
      document.getElementById('files').hidden = false;
      var list = document.getElementById('file-list');
      list.textContent = '';
      sweep.files.forEach(function (f) {
        var item = wt.el('li');
        var href = base + '/files/' + encodeURIComponent(f.name);
        item.appendChild(wt.el('a', {href: href + '?download', download: f.name, 'class': 'file-link'}, f.name));
        item.appendChild(document.createTextNode(' (' + wt.number(f.bytes / 1024, 1) + ' KB)'));
        list.appendChild(item);
      });
    }
    if (sweep.status === 'complete' && sweep.report) {
      document.getElementById('sweep').hidden = false;
      document.getElementById('report-link').setAttribute('href', base + '/files/report.html');
      wt.api(base + '/chart-data').then(function (data) {
        window.sweepView(data, document.getElementById('sweep-view'));
      }).catch(wt.fail);
    } else if (sweep.status === 'complete') {
      wt.fail(new Error('this sweep has no report.html (written before sweeps had one): run ' +
        '\'windtunnel sweep SWEEP.yaml --out DIR --resume\' on its folder to write it'));
    }
  }

  if (!id) {
    wt.fail(new Error('no sweep named: open a sweep from the Runs page'));
    return;
  }
  wt.api(base).then(render).catch(wt.fail);
})();
