// The closure register dashboard: filters from the query string, sortable table, weekly timeline.
// Inlined into the page by extract/register_html.py; the data is the JSON script #register-data.
(function () {
  const data = JSON.parse(document.getElementById('register-data').textContent);
  const keys = ['province', 'type', 'reason', 'from', 'to', 'q'];
  const params = new URLSearchParams(location.search);
  const inputs = {};
  keys.forEach(k => { inputs[k] = document.getElementById('f-' + k); });
  function fillSelect(el, values) {
    Array.from(new Set(values.filter(v => v))).sort().forEach(v => {
      const o = document.createElement('option'); o.value = v; o.textContent = v; el.appendChild(o);
    });
  }
  fillSelect(inputs.province, data.map(e => e.province));
  fillSelect(inputs.type, data.map(e => e.office_type));
  fillSelect(inputs.reason, data.map(e => e.reason_category));
  keys.forEach(k => { if (params.has(k)) inputs[k].value = params.get(k); });
  let sortKey = 'start', sortDir = 1;
  const first = e => e.start_date || e.first_reported || '';
  const last = e => e.end_date || e.last_reported || first(e);
  function matches(e, f) {
    if (f.province && e.province !== f.province) return false;
    if (f.type && e.office_type !== f.type) return false;
    if (f.reason && e.reason_category !== f.reason) return false;
    if (f.from && last(e) < f.from) return false;
    if (f.to && first(e) > f.to) return false;
    if (f.q && !(e.agency + ' ' + (e.region || '')).toLowerCase().includes(f.q.toLowerCase())) return false;
    return true;
  }
  const columns = {
    agency: e => e.agency, region: e => e.region || '', province: e => e.province || '',
    type: e => e.office_type, reason: e => e.reason_category, start: first, end: last,
    days: e => e.duration_days || 0, reports: e => e.articles.length,
  };
  function esc(s) { const d = document.createElement('div'); d.textContent = s == null ? '' : String(s); return d.innerHTML; }
  function reportHtml(r) {
    const link = r.url ? '<a href="' + esc(r.url) + '">' + esc(r.outlet || r.url) + '</a>' : esc(r.outlet || '');
    const quotes = r.evidence.map(t => '<q>' + esc(t) + '</q>').join('');
    return '<div class="report"><b>' + esc(r.article) + '</b> ' + link + ' <span class="meta">' + esc(r.published || '') +
      ' · ' + esc(r.kind) + ' · ' + esc(r.agency || '') + (r.dates ? ' · ' + esc(r.dates) : '') + '</span>' + quotes + '</div>';
  }
  function renderTable(rows) {
    const body = document.getElementById('rows');
    body.innerHTML = rows.map(e =>
      '<tr class="entry" data-id="' + esc(e.closure_id) + '"><td>' + esc(e.agency) + '</td><td>' + esc(e.region || '') +
      '</td><td>' + esc(e.province || '') + '</td><td>' + esc(e.office_type) + '</td><td>' + esc(e.reason_category) +
      '</td><td>' + esc(e.start_date || '') + '</td><td>' + esc(e.end_date || '') + '</td><td>' + esc(e.duration_days || '') +
      '</td><td>' + e.articles.length + '</td></tr><tr class="reports" hidden><td colspan="9">' +
      e.reports.map(reportHtml).join('') + '</td></tr>').join('');
    body.querySelectorAll('tr.entry').forEach(tr => tr.addEventListener('click', () => {
      tr.nextElementSibling.hidden = !tr.nextElementSibling.hidden;
    }));
  }
  function monday(iso) { const d = new Date(iso + 'T00:00:00Z'); d.setUTCDate(d.getUTCDate() - (d.getUTCDay() + 6) % 7); return d; }
  function renderTimeline(rows) {
    const box = document.getElementById('timeline');
    const dated = rows.filter(e => first(e));
    if (!dated.length) { box.innerHTML = '<p class="meta">No dated closures.</p>'; return; }
    const start = monday(dated.map(first).sort()[0]), end = monday(dated.map(last).sort().slice(-1)[0]);
    const weeks = [];
    for (let d = new Date(start); d <= end && weeks.length < 520; d.setUTCDate(d.getUTCDate() + 7)) weeks.push(new Date(d));
    const counts = weeks.map(w => {
      const a = w.toISOString().slice(0, 10), z = new Date(w); z.setUTCDate(z.getUTCDate() + 6);
      const b = z.toISOString().slice(0, 10);
      return dated.filter(e => first(e) <= b && last(e) >= a).length;
    });
    const max = Math.max(1, ...counts), bw = 14, h = 120;
    const bars = counts.map((c, i) => '<rect x="' + (i * bw + 30) + '" y="' + (h - c / max * (h - 20)) + '" width="' + (bw - 2) +
      '" height="' + (c / max * (h - 20)) + '"><title>week of ' + weeks[i].toISOString().slice(0, 10) + ': ' + c + ' open</title></rect>').join('');
    const labels = weeks.map((w, i) => i % 8 ? '' : '<text x="' + (i * bw + 30) + '" y="' + (h + 12) + '">' + w.toISOString().slice(0, 10) + '</text>').join('');
    box.innerHTML = '<svg width="' + (weeks.length * bw + 100) + '" height="' + (h + 20) + '" role="img" aria-label="open closures per week">' +
      '<text x="0" y="12">' + max + '</text><text x="0" y="' + h + '">0</text>' + bars + labels + '</svg>';
  }
  function render() {
    const f = {};
    keys.forEach(k => { f[k] = inputs[k].value; });
    const rows = data.filter(e => matches(e, f));
    const get = columns[sortKey];
    rows.sort((a, b) => (get(a) < get(b) ? -1 : get(a) > get(b) ? 1 : 0) * sortDir);
    renderTable(rows);
    renderTimeline(rows);
    document.getElementById('count').textContent = rows.length + ' of ' + data.length + ' closures';
    document.body.setAttribute('data-rows', String(rows.length));
    const query = new URLSearchParams();
    keys.forEach(k => { if (f[k]) query.set(k, f[k]); });
    try { history.replaceState(null, '', query.toString() ? '?' + query : location.pathname); } catch (err) { /* some file: pages */ }
  }
  document.querySelectorAll('th[data-key]').forEach(th => th.addEventListener('click', () => {
    sortDir = sortKey === th.dataset.key ? -sortDir : 1; sortKey = th.dataset.key;
    document.querySelectorAll('th').forEach(x => x.classList.remove('asc', 'desc'));
    th.classList.add(sortDir > 0 ? 'asc' : 'desc'); render();
  }));
  keys.forEach(k => inputs[k].addEventListener('input', render));
  render();
})();
