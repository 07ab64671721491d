// The landing page's data: health and units. A file, not inline, so the Content-Security-Policy can forbid inline scripts.
const label = { up: 'hoạt động', down: 'ngừng' };
fetch('/health')
  .then((r) => r.json())
  .then((h) => {
    const parts = Object.entries({ ...(h.info || {}), ...(h.error || {}) });
    document.getElementById('health').innerHTML = parts
      .map(
        ([name, v]) =>
          `<span class="${v.status}">${name === 'database' ? 'PostgreSQL' : 'Temporal'}: ${label[v.status]}</span>`,
      )
      .join('');
  })
  .catch(() => {
    document.getElementById('health').textContent = 'Không kết nối được máy chủ.';
  });
fetch('/api/units')
  .then((r) => r.json())
  .then((units) => {
    const byId = Object.fromEntries(units.map((u) => [u.id, u]));
    document.getElementById('units').innerHTML = units
      .map(
        (u) =>
          `<tr><td>${u.nameVi}</td><td>${u.kind}</td><td>${u.parentId ? byId[u.parentId].nameVi : ''}</td></tr>`,
      )
      .join('');
  });
