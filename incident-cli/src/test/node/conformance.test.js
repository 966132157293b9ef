'use strict';
// Drives a running `incident serve` with the official TypeScript client (docs/HTTP.md, "Conformance").
// Started by ConformanceIT with INCIDENTS_ENDPOINT, INCIDENTS_TOKEN (tenant acme) and INCIDENTS_OTHER_TOKEN
// (tenant other); run with `node --test`.
const test = require('node:test');
const assert = require('node:assert/strict');
const { client } = require('@devrev/typescript-sdk');

const endpoint = process.env.INCIDENTS_ENDPOINT;
const api = client.setupBeta({ endpoint, token: process.env.INCIDENTS_TOKEN });
const bearer = client.setupBeta({ endpoint, token: 'Bearer ' + process.env.INCIDENTS_TOKEN });
const other = client.setupBeta({ endpoint, token: process.env.INCIDENTS_OTHER_TOKEN });
const stranger = client.setupBeta({ endpoint, token: 'not-a-token' });

/** The status and error body of a call the server must refuse. */
async function refused(call) {
  try {
    const response = await call();
    assert.fail('expected an error, got ' + response.status + ' ' + JSON.stringify(response.data));
  } catch (error) {
    if (!error.response) throw error;
    return { status: error.response.status, body: error.response.data };
  }
}

test('create answers 201 with the incident', async () => {
  const response = await api.incidentsCreate({ title: 'Checkout is down', severity: 1, owned_by: ['DEVU-7'],
    applies_to_parts: ['PROD-3'], tags: [{ tag_id: 'TAG-2', value: 'p1' }] });
  assert.equal(response.status, 201);
  const incident = response.data.incident;
  assert.match(incident.display_id, /^INC-\d+$/);
  assert.equal(incident.title, 'Checkout is down');
  assert.deepEqual(incident.severity, { id: 1, label: 'Sev1', ordinal: 1 });
  assert.equal(incident.applies_to_parts[0].name, 'PROD-3');
  assert.deepEqual(incident.applies_to_parts[0].owned_by, []);
  assert.equal(incident.owned_by[0].display_id, 'DEVU-7');
});

test('create with an idempotency key replays the first incident and refuses another request', async () => {
  const headers = { 'Idempotency-Key': 'conformance-1' };
  const first = await api.incidentsCreate({ title: 'Retried' }, { headers });
  const again = await api.incidentsCreate({ title: 'Retried' }, { headers });
  assert.equal(again.status, 201);
  assert.equal(again.data.incident.id, first.data.incident.id);
  const conflict = await refused(() => api.incidentsCreate({ title: 'Something else' }, { headers }));
  assert.equal(conflict.status, 409);
  assert.equal(conflict.body.type, 'conflict');
});

test('get by DON and by display id, with GET and POST, and an ETag', async () => {
  const created = (await api.incidentsCreate({ title: 'Get me' })).data.incident;
  const byDon = await api.incidentsGet({ id: created.id });
  assert.equal(byDon.status, 200);
  assert.deepEqual(byDon.data.incident, created);
  assert.equal(byDon.headers.etag, '"1"');
  const byDisplayId = await bearer.incidentsGetPost({ id: created.display_id });
  assert.deepEqual(byDisplayId.data.incident, created);
});

test('list pages through an array filter, with GET and POST', async () => {
  const owner = 'DEVU-' + (1000 + Math.floor(Math.random() * 1000000));
  const ids = [];
  for (let i = 0; i < 3; i++) {
    ids.push((await api.incidentsCreate({ title: 'Owned ' + i, owned_by: [owner] })).data.incident.id);
  }
  await api.incidentsCreate({ title: 'Not theirs', owned_by: ['DEVU-1'] });
  const seen = [];
  let cursor;
  do {
    const page = await api.incidentsList({ owned_by: [owner, 'DEVU-999999999'], limit: 2, cursor });
    assert.equal(page.status, 200);
    seen.push(...page.data.incidents.map((incident) => incident.id));
    cursor = page.data.next_cursor;
  } while (cursor);
  assert.deepEqual(seen.slice().sort(), ids.slice().sort());
  const posted = await api.incidentsListPost({ owned_by: [owner], limit: 10 });
  assert.deepEqual(posted.data.incidents.map((incident) => incident.id).sort(), ids.slice().sort());
});

test('update answers the new version and honours If-Match', async () => {
  const created = (await api.incidentsCreate({ title: 'Before' })).data.incident;
  const updated = await api.incidentsUpdate({ id: created.id, title: 'After', owned_by: { set: ['DEVU-5'] } },
    { headers: { 'If-Match': '"1"' } });
  assert.equal(updated.status, 200);
  assert.equal(updated.data.incident.title, 'After');
  assert.equal(updated.headers.etag, '"2"');
  const stale = await refused(() => api.incidentsUpdate({ id: created.id, title: 'Lost' },
    { headers: { 'If-Match': '"1"' } }));
  assert.equal(stale.status, 412);
  assert.equal(stale.body.type, 'conflict');
});

test('delete answers {} and then not_found', async () => {
  const created = (await api.incidentsCreate({ title: 'Doomed' })).data.incident;
  const deleted = await api.incidentsDelete({ id: created.id });
  assert.equal(deleted.status, 200);
  assert.deepEqual(deleted.data, {});
  const again = await refused(() => api.incidentsDelete({ id: created.id }));
  assert.equal(again.status, 404);
  assert.equal(again.body.type, 'not_found');
  const gone = await refused(() => api.incidentsGet({ id: created.id }));
  assert.equal(gone.status, 404);
});

test('errors reach the client with their status and body', async () => {
  const rejected = await refused(() => api.incidentsCreate({ title: '', severity: 9 }));
  assert.equal(rejected.status, 400);
  assert.equal(rejected.body.violations.length, 2);
  assert.equal(rejected.body.field_name, 'title');
  const forbidden = await refused(() => api.incidentsCreate({ title: 'Alert', source: 1 }));
  assert.equal(forbidden.status, 403);
  assert.equal(forbidden.body.type, 'forbidden');
  const unauthenticated = await refused(() => stranger.incidentsList({}));
  assert.equal(unauthenticated.status, 401);
  assert.equal(unauthenticated.body.type, 'unauthenticated');
  const created = (await api.incidentsCreate({ title: 'Private' })).data.incident;
  const foreign = await refused(() => other.incidentsGet({ id: created.display_id }));
  assert.equal(foreign.status, 404);
  const unbalanced = await refused(() => api.incidentsList({ owned_by: ['DEVU-1"'] }));
  assert.equal(unbalanced.status, 400);
  const unsupported = await refused(() => api.incidentsGroup({ group_by: 'severity' }));
  assert.equal(unsupported.status, 404);
});
