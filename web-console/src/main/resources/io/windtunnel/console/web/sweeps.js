// The Runs page's list of sweeps (/api/sweeps), refreshed every 5 s; each links to its sweep page.
(function () {
  'use strict';
  var wt = window.wt;
  var body = document.querySelector('#sweeps tbody');

  function render(sweeps) {
    body.textContent = '';
    document.getElementById('sweeps-none').hidden = sweeps.length > 0;
    sweeps.forEach(function (sweep) {
      var row = wt.el('tr', {'class': 'sweep', 'data-id': sweep.id, 'data-status': sweep.status});
      var link = wt.el('td');
      link.appendChild(wt.el('a', {href: '/sweep.html?id=' + encodeURIComponent(sweep.id), 'class': 'sweep-link'},
        sweep.id));
      row.appendChild(link);
      row.appendChild(wt.el('td', null, sweep.name || '--'));
      var status = wt.el('td');
      status.appendChild(wt.statusBadge(sweep.status));
      row.appendChild(status);
      row.appendChild(wt.el('td', null, sweep.date.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')));
      row.appendChild(wt.el('td', {'class': 'num'}, sweep.status === 'complete' ? sweep.ran + ' ran' +
        (sweep.failed ? ', ' + sweep.failed + ' failed' : '') + ' of ' + sweep.variants :
        sweep.done + ' of ' + sweep.variants + ' written'));
      row.appendChild(wt.el('td', {'class': 'stacks'}, (sweep.axes || []).join(', ')));
      row.appendChild(wt.el('td', {'class': 'stacks'}, (sweep.stacks || []).join(', ')));
      body.appendChild(row);
    });
  }

  function load() {
    wt.api('/api/sweeps').then(function (data) {
      window.sweepsLoaded = (window.sweepsLoaded || 0) + 1;
      render(data.sweeps);
    }).catch(wt.fail);
  }
  load();
  setInterval(load, 5000);
})();
