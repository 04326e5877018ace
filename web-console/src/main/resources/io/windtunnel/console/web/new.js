// The New run page: start a bundled or uploaded scenario, watch its progress over SSE, cancel it.
(function () {
  'use strict';
  var wt = window.wt;
  wt.nav('new');
  var select = document.getElementById('scenario');
  var error = document.getElementById('error');

  var fail = wt.fail;

  wt.api('/api/scenarios').then(function (data) {
    data.scenarios.forEach(function (s) {
      select.appendChild(wt.el('option', {value: s.name}, s.name));
    });
  }).catch(fail);
  document.getElementById('file').addEventListener('change', function () {
    document.getElementById('source-upload').checked = true;
  });

  function request() {
    var body = {};
    var seed = document.getElementById('seed').value.trim();
    var replications = document.getElementById('replications').value.trim();
    if (seed !== '') {
      body.seed = Number(seed);
    }
    if (replications !== '') {
      body.replications = Number(replications);
    }
    if (document.getElementById('source-upload').checked) {
      var file = document.getElementById('file').files[0];
      if (!file) {
        return Promise.reject(new Error('choose a YAML file to upload'));
      }
      return file.text().then(function (text) {
        body.yaml = text;
        body.fileName = file.name;
        return body;
      });
    }
    body.scenario = select.value;
    return Promise.resolve(body);
  }

  document.getElementById('new-run').addEventListener('submit', function (event) {
    event.preventDefault();
    error.hidden = true;
    var start = document.getElementById('start');
    start.disabled = true;
    request().then(function (body) {
      return wt.api('/api/runs', {method: 'POST', headers: {'Content-Type': 'application/json'},
        body: JSON.stringify(body)});
    }).then(function (started) {
      var live = document.getElementById('live');
      live.hidden = false;
      var title = document.getElementById('live-title');
      title.textContent = '';
      title.appendChild(document.createTextNode('Run '));
      title.appendChild(wt.el('a', {href: '/run.html?id=' + encodeURIComponent(started.id), id: 'live-run'},
        started.id));
      var outcome = document.getElementById('outcome');
      outcome.textContent = '';
      var cancel = document.getElementById('cancel');
      cancel.disabled = false;
      cancel.onclick = function () {
        cancel.disabled = true;
        wt.api(started.cancel, {method: 'POST'}).catch(fail);
      };
      wt.watchProgress(started.id, document.getElementById('progress-box'), function (end) {
        cancel.disabled = true;
        start.disabled = false;
        outcome.textContent = '';
        outcome.appendChild(wt.statusBadge(end.status));
        outcome.appendChild(document.createTextNode(' ' + (end.message || '')));
        if (end.status === 'complete') {
          outcome.appendChild(document.createTextNode(' '));
          outcome.appendChild(wt.el('a', {href: '/run.html?id=' + encodeURIComponent(end.id), id: 'open-run'},
            'Open the run'));
        }
      });
    }).catch(function (e) {
      start.disabled = false;
      fail(e);
    });
  });
})();
