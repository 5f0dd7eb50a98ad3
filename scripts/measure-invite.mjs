#!/usr/bin/env node
// Measures what an organizer waits for when inviting endpoints in bulk, against
// a running api: node scripts/measure-invite.mjs http://127.0.0.1:3000 admin <password>
const [base = 'http://127.0.0.1:3000', username = 'admin', password] = process.argv.slice(2);
const call = async (token, method, path, body) => {
  const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body && JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
};
const { accessToken: token } = await call(null, 'POST', '/api/auth/login', { username, password });
const bng = (await call(token, 'GET', '/api/organizations?q=BNG')).items.find((o) => o.code === 'BNG');
const parent = await call(token, 'POST', '/api/organizations', { kind: 'other', name: `Mạng đo ${Date.now()}`, parentId: bng.id });
for (let i = 0; i < 100; i++) await call(token, 'POST', '/api/organizations', { kind: 'department', name: `Điểm cầu đo ${i + 1}`, parentId: parent.id });
const day = new Date(Date.now() + 200 * 86_400_000 + 7 * 3600_000).toISOString().slice(0, 10);
const results = [];
for (let run = 0; run < 5; run++) {
  const { meeting } = await call(token, 'POST', '/api/meetings', { kind: 'conference', title: `Đo ${run}`, hostOrganizationId: bng.id, scheduledStart: `${day}T0${run}:00`, scheduledEnd: `${day}T0${run}:30` });
  let t = performance.now();
  const p = await call(token, 'POST', `/api/meetings/${meeting.id}/endpoints/bulk`, { mode: 'all_provinces', overrideConflicts: true });
  const provinces = performance.now() - t;
  t = performance.now();
  const c = await call(token, 'POST', `/api/meetings/${meeting.id}/endpoints/bulk`, { mode: 'children_of', parentId: parent.id, overrideConflicts: true });
  const hundred = performance.now() - t;
  results.push({ provinces_ms: Math.round(provinces), provinces: p.added.length, hundred_ms: Math.round(hundred), hundred: c.added.length });
}
console.table(results);
