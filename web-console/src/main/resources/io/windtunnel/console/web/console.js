// Shared by the console's pages: API calls, formatting, the navigation bar and the live progress widget.
// Names from runs and scenarios reach the page only as text (textContent), never as HTML.
(function () {
  'use strict';

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (attrs[k] != null) {
          e.setAttribute(k, attrs[k]);
        }
      }
    }
    if (text != null) {
      e.textContent = text;
    }
    return e;
  }

  // fetch with the API's error bodies ({"error": ..., "line": ...}) turned into Error messages.
  function api(path, options) {
    return fetch(path, options || {}).then(function (response) {
      var type = response.headers.get('Content-Type') || '';
      var body = type.indexOf('application/json') === 0 ? response.json() : response.text();
      return body.then(function (data) {
        if (!response.ok) {
          var message = data && data.error ? data.error : String(data);
          var error = new Error(message);
          error.status = response.status;
          error.line = data && data.line;
          throw error;
        }
        return data;
      });
    });
  }

  function number(v, digits) {
    return v == null || isNaN(v) ? '--' : Number(v).toLocaleString('en-US', {maximumFractionDigits: digits});
  }

  function duration(seconds) {
    if (seconds == null) {
      return '--';
    }
    var s = Math.round(seconds);
    var units = [[86400, 'd'], [3600, 'h'], [60, 'm'], [1, 's']];
    for (var i = 0; i < units.length - 1; i++) {
      if (s >= units[i][0]) {
        var rest = Math.floor((s % units[i][0]) / units[i + 1][0]);
        return Math.floor(s / units[i][0]) + units[i][1] + (rest ? ' ' + rest + units[i + 1][1] : '');
      }
    }
    return s + 's';
  }

  function statusBadge(status) {
    return el('span', {'class': 'status status-' + status, 'data-status': status}, status);
  }

  function nav(here) {
    var bar = el('nav');
    bar.appendChild(el('span', {'class': 'brand'}, 'windtunnel console'));
    [['runs', '/', 'Runs'], ['compare', '/compare.html', 'Compare'], ['new', '/new.html', 'New run']]
      .forEach(function (item) {
        bar.appendChild(el('a', {href: item[1], 'class': item[0] === here ? 'here' : null, id: 'nav-' + item[0]},
          item[2]));
      });
    document.body.insertBefore(bar, document.body.firstChild);
  }

  function query(name) {
    return new URLSearchParams(window.location.search).getAll(name);
  }

  // Live progress of a run over Server-Sent Events, drawn into box; onEnd(data) once the run has ended.
  function watchProgress(id, box, onEnd) {
    box.textContent = '';
    var bar = el('progress', {max: '1', value: '0', id: 'progress-bar'});
    var line = el('p', {id: 'progress-text'}, 'waiting for the first snapshot...');
    var table = el('table', {'class': 'list', id: 'progress-table'});
    box.appendChild(bar);
    box.appendChild(line);
    box.appendChild(table);
    var source = new EventSource('/api/runs/' + encodeURIComponent(id) + '/progress');
    window.progressEvents = 0;
    source.addEventListener('progress', function (e) {
      var p = JSON.parse(e.data);
      window.progressEvents++;
      bar.value = p.fraction;
      line.textContent = p.status + ': ' + duration(p.simulatedSeconds) + ' of ' +
        duration(p.totalSimulatedSeconds) + ' simulated in all stacks and replications (' + number(100 * p.fraction, 1) + '%), ' +
        number(p.eventsPerSecond / 1e6, 2) + ' M events/s';
      table.textContent = '';
      var head = el('tr');
      ['stack', 'simulated', 'p99 so far (ms)', 'cost so far (USD)'].forEach(function (h) {
        head.appendChild(el('th', null, h));
      });
      table.appendChild(head);
      p.stacks.forEach(function (s) {
        var row = el('tr', {'class': 'progress-stack'});
        row.appendChild(el('td', null, s.name));
        row.appendChild(el('td', {'class': 'num'}, duration(s.simulatedSeconds)));
        row.appendChild(el('td', {'class': 'num'}, number(s.p99Ms, 2)));
        row.appendChild(el('td', {'class': 'num'}, number(s.costUsd, 4)));
        table.appendChild(row);
      });
    });
    source.addEventListener('end', function (e) {
      source.close();
      var data = JSON.parse(e.data);
      if (data.status === 'complete') {
        bar.value = 1;
      }
      onEnd(data);
    });
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) {
        line.textContent = 'the progress stream closed';
      }
    };
    return source;
  }

  // An error from the API (or the page) in the page's #error paragraph.
  function fail(e) {
    var error = document.getElementById('error');
    error.hidden = false;
    error.textContent = (e.status ? e.status + ': ' : '') + e.message;
  }

  window.wt = {el: el, api: api, number: number, duration: duration, statusBadge: statusBadge, nav: nav,
    query: query, watchProgress: watchProgress, fail: fail};
})();
