/**
 * The market-entity directory over HTTP against real relays (port 0, temp DATA_DIR, demo accounts only):
 * chunked imports with commit / resume / abandon, the merge by USCC, versioned delta paging, roles,
 * a relay killed mid-import, imports expiring on start, and the commit time of 100k rows.
 */
import {
  type AuditPage,
  type DirectoryCommitResult,
  type DirectoryDelta,
  type DirectoryEntity,
  type DirectoryImportRow,
  type DirectoryImportState,
  type DirectoryStats,
  orgCodeCheckChar,
  usccCheckChar,
} from '@bangqi/shared';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteDirectoryStore } from '../src/directory/sqlite-store.ts';
import { type Relay, startRelay } from '../src/server.ts';
import { killAll, removeTempDirs, spawnRelay, TEST_JWT_SECRET, tempDataDir, tokenFor } from './helpers.ts';

interface Reply<T> {
  status: number;
  body: T;
}

function client(base: string) {
  return async function call<T = Record<string, unknown>>(method: string, path: string, token: string, body?: unknown): Promise<Reply<T>> {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(base + path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };
}
type Call = ReturnType<typeof client>;

/** A valid USCC for `i` (费县-like prefix, organisation code from i, both check characters computed). */
export function usccFor(i: number): string {
  const body = String(i).padStart(8, '0');
  const first17 = `91371325${body}${orgCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}

const TOWNS = ['费城街道', '上冶镇', '探沂镇', '朱田镇', '梁邱镇'];
function entity(i: number, extra: Partial<DirectoryImportRow> = {}): DirectoryImportRow {
  return {
    uscc: usccFor(i),
    name: `费县第${i}号新材料有限公司`,
    formerNames: i % 10 === 0 ? [`费县${i}号旧名公司`] : [],
    legalRep: `法人${i % 997}`,
    address: `山东省临沂市费县${TOWNS[i % 5]}工业路${i}号`,
    establishedOn: `20${String(10 + (i % 14)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
    registeredCapital: `${(i % 50) * 10 + 10}万元人民币`,
    industry: ['新材料', '木业', '装备制造', '食品'][i % 4]!,
    town: TOWNS[i % 5]!,
    status: '存续',
    ...extra,
  };
}

const chunksOf = <T>(rows: T[], size: number): T[][] => Array.from({ length: Math.ceil(rows.length / size) }, (_, k) => rows.slice(k * size, (k + 1) * size));

async function begin(call: Call, token: string, fileName: string, chunks: unknown[][]): Promise<string> {
  const totalRows = chunks.reduce((n, c) => n + c.length, 0);
  const res = await call<{ importId: string }>('POST', '/api/directory/imports', token, { fileName, totalRows, totalChunks: chunks.length });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.importId;
}

async function put(call: Call, token: string, id: string, n: number, rows: unknown[]): Promise<void> {
  const res = await call('PUT', `/api/directory/imports/${id}/chunks/${n}`, token, { rows });
  expect(res.status, JSON.stringify(res.body)).toBe(204);
}

/** begin, every chunk, commit. */
async function importAll(call: Call, token: string, fileName: string, chunks: unknown[][]): Promise<DirectoryCommitResult> {
  const id = await begin(call, token, fileName, chunks);
  for (const [n, rows] of chunks.entries()) await put(call, token, id, n, rows);
  const res = await call<DirectoryCommitResult>('POST', `/api/directory/imports/${id}/commit`, token);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Every row after version `since`, paging like a device does. */
async function pullAll(call: Call, token: string, since: number, limit: number): Promise<{ rows: DirectoryEntity[]; version: number; pages: number }> {
  const rows: DirectoryEntity[] = [];
  let after = '';
  let pages = 0;
  for (;;) {
    const res = await call<DirectoryDelta>('GET', `/api/directory/delta?since=${since}&limit=${limit}${after ? `&after=${after}` : ''}`, token);
    expect(res.status).toBe(200);
    pages++;
    rows.push(...res.body.rows);
    if (!res.body.more) return { rows, version: res.body.version, pages };
    since = rows.at(-1)!.version;
    after = rows.at(-1)!.uscc;
  }
}

const quiet = pino({ level: 'silent' });
const ADMIN = await tokenFor('u-admin');
const COORDINATOR = await tokenFor('u-liuyang');
const LEAD = await tokenFor('u-wangqiang');
const COMMISSIONER = await tokenFor('u-zhangwei');
const HANDLER = await tokenFor('u-zhaomin');

const startInProcess = (dataDir = tempDataDir()) =>
  startRelay({ port: 0, host: '127.0.0.1', dataDir, seedDemo: 'users', jwtSecret: TEST_JWT_SECRET, logger: quiet });

const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const pgAdmin = new pg.Pool({ connectionString: DATABASE_URL, max: 1, connectionTimeoutMillis: 3_000 });
pgAdmin.on('error', () => {});
const schemas: string[] = [];

/** The env of a relay process on `storage`: a fresh data dir, and on PostgreSQL a fresh schema (dropped afterwards). */
function relayEnv(storage: 'sqlite' | 'postgres'): Record<string, string> {
  const env = { DATA_DIR: tempDataDir() };
  if (storage === 'sqlite') return env;
  const schema = `bangqi_dir_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  schemas.push(schema);
  return { ...env, PERSISTENCE: 'postgres', DATABASE_URL, PG_SCHEMA: schema };
}

afterAll(async () => {
  removeTempDirs();
  for (const schema of schemas.splice(0)) await pgAdmin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pgAdmin.end();
});

describe('imports and deltas', () => {
  let relay: Relay;
  let call: Call;
  beforeAll(async () => {
    relay = await startInProcess();
    call = client(`http://127.0.0.1:${relay.port}`);
  });
  afterAll(() => relay?.close());

  const first = Array.from({ length: 20_000 }, (_, i) => entity(i));
  let firstVersion = 0;

  it('imports 20k rows in 10 chunks; the delta pages return them all', async () => {
    const result = await importAll(call, COORDINATOR, '市场主体2026.xlsx', chunksOf(first, 2_000));
    expect(result).toEqual({ inserted: 20_000, updated: 0, unchanged: 0, rejected: [], version: 1 });
    firstVersion = result.version;
    expect((await call<DirectoryStats>('GET', '/api/directory/stats', COMMISSIONER)).body).toEqual({ rows: 20_000, version: 1 });

    const pulled = await pullAll(call, COMMISSIONER, 0, 3_000);
    expect(pulled.pages).toBe(7);
    expect(pulled.version).toBe(1);
    expect(pulled.rows.length).toBe(20_000);
    expect(new Set(pulled.rows.map((r) => r.uscc)).size).toBe(20_000);
    const byUscc = new Map(pulled.rows.map((r) => [r.uscc, r]));
    const { row: _none, ...sample } = entity(12_345);
    expect(byUscc.get(usccFor(12_345))).toEqual({ ...sample, version: 1, updatedAt: expect.any(Number) });
    // nothing newer than what the device holds
    expect((await call<DirectoryDelta>('GET', '/api/directory/delta?since=1', LEAD)).body).toEqual({ rows: [], version: 1, more: false });
  });

  it('a re-import with 100 changed and 50 new rows updates 100, inserts 50; the delta since holds exactly those 150', async () => {
    const changed = new Set(Array.from({ length: 100 }, (_, k) => k * 199));
    const rows = first.map((r, i) => (changed.has(i) ? { ...r, status: '注销', legalRep: `新法人${i}` } : r));
    // the source file's formatting differs: lower case, spaces — the relay normalizes before comparing
    rows[7] = { ...rows[7]!, uscc: ` ${rows[7]!.uscc.toLowerCase()} ` };
    rows.push(...Array.from({ length: 50 }, (_, k) => entity(50_000 + k)));
    const result = await importAll(call, ADMIN, '市场主体2026-二月.csv', chunksOf(rows, 2_000));
    expect(result).toEqual({ inserted: 50, updated: 100, unchanged: 19_900, rejected: [], version: 2 });

    const delta = await pullAll(call, COORDINATOR, firstVersion, 10_000);
    expect(delta.version).toBe(2);
    expect(delta.rows.length).toBe(150);
    expect(new Set(delta.rows.map((r) => r.uscc))).toEqual(
      new Set([...[...changed].map((i) => usccFor(i)), ...Array.from({ length: 50 }, (_, k) => usccFor(50_000 + k))]),
    );
    expect(delta.rows.every((r) => r.version === 2)).toBe(true);
    expect(delta.rows.find((r) => r.uscc === usccFor(199))).toMatchObject({ status: '注销', legalRep: '新法人199' });
    expect((await call<DirectoryStats>('GET', '/api/directory/stats', ADMIN)).body).toEqual({ rows: 20_050, version: 2 });
  });

  it('reports every bad row with its reason and merges the good ones', async () => {
    const bad = usccFor(70_000);
    const rows: unknown[] = [
      entity(70_001, { row: 2 }),
      { ...entity(70_002), uscc: `${bad.slice(0, 17)}${bad[17] === '0' ? '1' : '0'}`, row: 3 },
      { ...entity(70_003), uscc: '91371325ABC', row: 4 },
      { ...entity(70_004), uscc: `${bad.slice(0, 5)}I${bad.slice(6)}`, row: 5 },
      { ...entity(70_005), name: '  ', row: 6 },
      { ...entity(70_006), establishedOn: '2021-02-30', row: 7 },
      { ...entity(70_001), name: '重复', row: 8 },
      { ...entity(70_007), legalRep: 42 },
      'not a row',
    ];
    const result = await importAll(call, COORDINATOR, '有错误.xlsx', [rows]);
    expect(result.inserted).toBe(1);
    expect(result.version).toBe(3);
    expect(result.rejected).toEqual([
      // the same USCC again on line 8: the later row wins, as in the app
      { row: 2, uscc: usccFor(70_001), reason: 'uscc.duplicate' },
      { row: 3, uscc: expect.any(String), reason: 'uscc.check' },
      { row: 4, uscc: '91371325ABC', reason: 'uscc.length' },
      { row: 5, uscc: expect.stringContaining('I'), reason: 'uscc.char' },
      { row: 6, uscc: usccFor(70_005), reason: 'name.missing' },
      { row: 7, uscc: usccFor(70_006), reason: 'establishedOn.format' },
      // no `row` sent: the position in the import
      { row: 8, uscc: usccFor(70_007), reason: 'field.invalid', field: 'legalRep' },
      { row: 9, uscc: '', reason: 'uscc.length' },
    ]);
    const kept = await call<DirectoryDelta>('GET', '/api/directory/delta?since=2', COMMISSIONER);
    expect(kept.body.rows.map((r) => [r.uscc, r.name])).toEqual([[usccFor(70_001), '重复']]);
  });

  it('resumes: a re-sent chunk replaces the first, GET names the chunks received, commit with a chunk missing is refused', async () => {
    const rows = Array.from({ length: 500 }, (_, i) => entity(80_000 + i));
    const chunks = chunksOf(rows, 100);
    const id = await begin(call, COORDINATOR, '续传.xlsx', chunks);
    for (const n of [0, 1, 2, 4]) await put(call, COORDINATOR, id, n, chunks[n]!);
    // chunk 3 first with stale rows, then again with the right ones (as after a reload)
    await put(call, COORDINATOR, id, 3, chunks[3]!.map((r) => ({ ...r, name: '旧' })));
    await put(call, COORDINATOR, id, 3, chunks[3]!);
    const state = await call<DirectoryImportState>('GET', `/api/directory/imports/${id}`, COORDINATOR);
    expect(state.body).toMatchObject({ importId: id, status: 'open', chunksReceived: [0, 1, 2, 3, 4], totalChunks: 5, totalRows: 500 });

    const id2 = await begin(call, ADMIN, '缺块.xlsx', chunks);
    for (const n of [0, 2, 4]) await put(call, ADMIN, id2, n, chunks[n]!);
    const refused = await call('POST', `/api/directory/imports/${id2}/commit`, ADMIN);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ reason: 'invalid-request', message: 'missing chunks: 1, 3' });
    expect((await call<DirectoryStats>('GET', '/api/directory/stats', ADMIN)).body.rows).toBe(20_051);
    expect((await call<DirectoryImportState>('GET', `/api/directory/imports/${id2}`, ADMIN)).body.status).toBe('open');

    const done = await call<DirectoryCommitResult>('POST', `/api/directory/imports/${id}/commit`, COORDINATOR);
    expect(done.body).toMatchObject({ inserted: 500, updated: 0, unchanged: 0, version: 4 });
    // the answer was lost? committing again answers the same and changes nothing
    expect((await call('POST', `/api/directory/imports/${id}/commit`, COORDINATOR)).body).toEqual(done.body);
    expect((await call<DirectoryImportState>('GET', `/api/directory/imports/${id}`, COORDINATOR)).body).toMatchObject({ status: 'committed', chunksReceived: [], result: done.body });
    const late = await call('PUT', `/api/directory/imports/${id}/chunks/0`, COORDINATOR, { rows: [] });
    expect(late.status).toBe(409);
    const pulled = await pullAll(call, COMMISSIONER, 3, 10_000);
    expect(pulled.rows.filter((r) => r.name === '旧')).toEqual([]);
    expect(pulled.rows.length).toBe(500);
  });

  it('abandoning leaves nothing: the import is gone and the directory unchanged', async () => {
    const before = (await call<DirectoryStats>('GET', '/api/directory/stats', ADMIN)).body;
    const chunks = chunksOf(Array.from({ length: 300 }, (_, i) => entity(90_000 + i)), 100);
    const id = await begin(call, COORDINATOR, '放弃.xlsx', chunks);
    await put(call, COORDINATOR, id, 0, chunks[0]!);
    await put(call, COORDINATOR, id, 1, chunks[1]!);
    expect((await call('DELETE', `/api/directory/imports/${id}`, COORDINATOR)).status).toBe(204);
    expect((await call('GET', `/api/directory/imports/${id}`, COORDINATOR)).status).toBe(404);
    expect((await call('POST', `/api/directory/imports/${id}/commit`, COORDINATOR)).status).toBe(404);
    expect((await call('PUT', `/api/directory/imports/${id}/chunks/2`, COORDINATOR, { rows: chunks[2] })).status).toBe(404);
    expect((await call<DirectoryStats>('GET', '/api/directory/stats', ADMIN)).body).toEqual(before);
    expect((await call<DirectoryDelta>('GET', `/api/directory/delta?since=${before.version}`, ADMIN)).body.rows).toEqual([]);
  });

  it('only coordinators and admins import; every role but handler reads', async () => {
    const refused = await call('POST', '/api/directory/imports', COMMISSIONER, { fileName: 'x.xlsx', totalRows: 1, totalChunks: 1 });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ reason: 'forbidden' });
    expect((await call('POST', '/api/directory/imports', LEAD, { fileName: 'x.xlsx', totalRows: 1, totalChunks: 1 })).status).toBe(403);
    const id = await begin(call, COORDINATOR, 'x.xlsx', [[entity(1)]]);
    const chunk = await call('PUT', `/api/directory/imports/${id}/chunks/0`, COMMISSIONER, { rows: [entity(1)] });
    expect(chunk.status).toBe(403);
    expect((await call('POST', `/api/directory/imports/${id}/commit`, HANDLER)).status).toBe(403);
    expect((await call('DELETE', `/api/directory/imports/${id}`, COMMISSIONER)).status).toBe(403);

    const handlerDelta = await call('GET', '/api/directory/delta?since=0&limit=10', HANDLER);
    expect(handlerDelta.status).toBe(403);
    expect((await call('GET', '/api/directory/stats', HANDLER)).status).toBe(403);
    for (const token of [COMMISSIONER, LEAD, COORDINATOR, ADMIN]) {
      expect((await call('GET', '/api/directory/delta?since=0&limit=1', token)).status).toBe(200);
    }
    const anonymous = await fetch(`http://127.0.0.1:${relay.port}/api/directory/stats`);
    expect(anonymous.status).toBe(401);
  });

  it('refuses malformed requests with the field named', async () => {
    const cases: [string, string, unknown, RegExp][] = [
      ['POST', '/api/directory/imports', { fileName: '', totalRows: 1, totalChunks: 1 }, /fileName/],
      ['POST', '/api/directory/imports', { fileName: 'a', totalRows: -1, totalChunks: 1 }, /totalRows/],
      ['POST', '/api/directory/imports', { fileName: 'a', totalRows: 1, totalChunks: 0 }, /totalChunks/],
      ['POST', '/api/directory/imports', { fileName: 'a', totalRows: 10_001, totalChunks: 2 }, /cannot hold/],
    ];
    for (const [method, path, body, message] of cases) {
      const res = await call<{ message: string }>(method, path, ADMIN, body);
      expect(res.status, path).toBe(400);
      expect(res.body.message).toMatch(message);
    }
    const id = await begin(call, ADMIN, 'a.csv', [[entity(1)], [entity(2)]]);
    expect((await call('PUT', `/api/directory/imports/${id}/chunks/2`, ADMIN, { rows: [] })).status).toBe(400);
    expect((await call('PUT', `/api/directory/imports/${id}/chunks/0`, ADMIN, { rows: 'x' })).status).toBe(400);
    expect((await call('PUT', `/api/directory/imports/${id}/chunks/0`, ADMIN, { rows: Array(5_001).fill({}) })).status).toBe(400);
    expect((await call('PUT', `/api/directory/imports/imp-nothing/chunks/0`, ADMIN, { rows: [] })).status).toBe(404);
    expect((await call('GET', '/api/directory/delta?limit=10001', ADMIN)).status).toBe(400);
    expect((await call('GET', '/api/directory/delta?since=-1', ADMIN)).status).toBe(400);
    expect((await call('GET', '/api/directory/delta?after=x%27', ADMIN)).status).toBe(400);
    expect((await call('GET', '/api/directory/nothing', ADMIN)).status).toBe(404);
    // larger than the 4 MB chunk limit
    const huge = await call('PUT', `/api/directory/imports/${id}/chunks/0`, ADMIN, { rows: [{ name: 'x'.repeat(4_200_000) }] });
    expect(huge.status).toBe(413);
    // a 2,000-row chunk (≈ 0.6 MB) is well over the generic 64 KB and accepted
    expect((await call('PUT', `/api/directory/imports/${id}/chunks/1`, ADMIN, { rows: Array.from({ length: 2_000 }, (_, i) => entity(i)) })).status).toBe(204);
  });

  it('audits begin, commit (once, however often it is asked) and abandon', async () => {
    const chunks = [[entity(95_000)]];
    const committed = await begin(call, COORDINATOR, '审计.xlsx', chunks);
    await put(call, COORDINATOR, committed, 0, chunks[0]!);
    const answers = await Promise.all([1, 2, 3].map(() => call('POST', `/api/directory/imports/${committed}/commit`, COORDINATOR)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    const id = await begin(call, ADMIN, '审计-放弃.xlsx', chunks);
    await call('DELETE', `/api/directory/imports/${id}`, ADMIN);
    // the audit queue is flushed by the query itself
    const page = await call<AuditPage>('GET', '/api/audit?action=directory-import&limit=1000', ADMIN);
    const mine = page.body.entries.filter((e) => String(e.detail.fileName).startsWith('审计')).reverse();
    expect(mine.map((e) => [e.actor, e.detail.phase, e.detail.fileName])).toEqual([
      ['u-liuyang', 'begin', '审计.xlsx'],
      ['u-liuyang', 'commit', '审计.xlsx'],
      ['u-admin', 'begin', '审计-放弃.xlsx'],
      ['u-admin', 'abandon', '审计-放弃.xlsx'],
    ]);
    expect(mine[1]!.detail).toMatchObject({ inserted: 1, updated: 0, unchanged: 0, rejected: 0 });
  });
});

describe('a relay killed mid-import', () => {
  afterEach(() => killAll());

  it.each(['sqlite', 'postgres'] as const)('%s: keeps the directory unchanged and the import resumable; a kill during the commit leaves all or nothing', async (storage) => {
    const env = relayEnv(storage);
    let relay = await spawnRelay(env);
    let call = client(relay.url);
    await importAll(call, ADMIN, '基础.xlsx', [Array.from({ length: 1_000 }, (_, i) => entity(i))]);

    const rows = Array.from({ length: 40_000 }, (_, i) => entity(i, i < 1_000 ? { status: '吊销' } : {}));
    const chunks = chunksOf(rows, 2_000);
    const id = await begin(call, ADMIN, '大表.xlsx', chunks);
    for (let n = 0; n < 12; n++) await put(call, ADMIN, id, n, chunks[n]!);
    await relay.stop('SIGKILL');

    relay = await spawnRelay(env);
    call = client(relay.url);
    expect((await call<DirectoryStats>('GET', '/api/directory/stats', ADMIN)).body).toEqual({ rows: 1_000, version: 1 });
    const state = await call<DirectoryImportState>('GET', `/api/directory/imports/${id}`, ADMIN);
    expect(state.body).toMatchObject({ status: 'open', chunksReceived: Array.from({ length: 12 }, (_, n) => n) });
    for (let n = 12; n < chunks.length; n++) await put(call, ADMIN, id, n, chunks[n]!);

    // killed while the commit runs: after the restart the merge is either wholly there or not at all
    const commit = fetch(`${relay.url}/api/directory/imports/${id}/commit`, { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}` } }).catch(() => null);
    await new Promise((r) => setTimeout(r, 150));
    await relay.stop('SIGKILL');
    await commit;

    relay = await spawnRelay(env);
    call = client(relay.url);
    const stats = (await call<DirectoryStats>('GET', '/api/directory/stats', ADMIN)).body;
    const after = (await call<DirectoryImportState>('GET', `/api/directory/imports/${id}`, ADMIN)).body;
    if (after.status === 'open') {
      expect(stats).toEqual({ rows: 1_000, version: 1 });
      expect(after.chunksReceived.length).toBe(chunks.length);
      const result = (await call<DirectoryCommitResult>('POST', `/api/directory/imports/${id}/commit`, ADMIN)).body;
      expect(result).toMatchObject({ inserted: 39_000, updated: 1_000, unchanged: 0, version: 2 });
    } else {
      expect(stats).toEqual({ rows: 40_000, version: 2 });
      expect(after.result).toMatchObject({ inserted: 39_000, updated: 1_000, version: 2 });
    }
    console.log(`${storage}: killed during the commit, the import was ${after.status} after the restart`);
    const pulled = await pullAll(call, COMMISSIONER, 1, 10_000);
    expect(pulled.rows.length).toBe(40_000);
    expect(pulled.rows.filter((r) => r.status === '吊销').length).toBe(1_000);
  });

  it('drops imports left open for more than 24 h when it starts', async () => {
    const dataDir = tempDataDir();
    const store = openSqliteDirectoryStore(dataDir);
    const now = Date.now();
    await store.createImport({ id: 'imp-000000000000000001', fileName: 'old.xlsx', totalRows: 1, totalChunks: 1, createdBy: 'u-admin', createdAt: now - 25 * 3_600_000 });
    await store.putChunk('imp-000000000000000001', 0, [entity(1)]);
    await store.createImport({ id: 'imp-000000000000000002', fileName: 'new.xlsx', totalRows: 1, totalChunks: 1, createdBy: 'u-admin', createdAt: now - 3_600_000 });
    await store.close();

    const relay = await startInProcess(dataDir);
    try {
      const call = client(`http://127.0.0.1:${relay.port}`);
      expect((await call('GET', '/api/directory/imports/imp-000000000000000001', ADMIN)).status).toBe(404);
      expect((await call<DirectoryImportState>('GET', '/api/directory/imports/imp-000000000000000002', ADMIN)).body.status).toBe('open');
    } finally {
      await relay.close();
    }
  });
});

describe('figures', () => {
  afterEach(() => killAll());

  it.each(['sqlite', 'postgres'] as const)('%s: commits 100k rows (new) and re-commits them (unchanged), printing the times', async (storage) => {
    // a relay process of its own, so the times are the relay's and not shared with this test's event loop
    const relay = await spawnRelay(relayEnv(storage));
    try {
      const call = client(relay.url);
      const chunks = chunksOf(Array.from({ length: 100_000 }, (_, i) => entity(i)), 2_000);
      for (const label of ['new rows', 'unchanged rows']) {
        const id = await begin(call, ADMIN, '十万.xlsx', chunks);
        const uploadStart = performance.now();
        for (const [n, rows] of chunks.entries()) await put(call, ADMIN, id, n, rows);
        const uploadMs = performance.now() - uploadStart;
        const commitStart = performance.now();
        const committing = call<DirectoryCommitResult>('POST', `/api/directory/imports/${id}/commit`, ADMIN);
        // how long other requests wait meanwhile (SQLite merges synchronously on the relay's event loop)
        let done = false;
        let slowestHealthMs = 0;
        const probe = (async () => {
          while (!done) {
            const t = performance.now();
            await relay.health();
            slowestHealthMs = Math.max(slowestHealthMs, performance.now() - t);
            await new Promise((r) => setTimeout(r, 20));
          }
        })();
        const result = await committing;
        const commitMs = performance.now() - commitStart;
        done = true;
        await probe;
        expect(result.body.inserted + result.body.unchanged).toBe(100_000);
        console.log(
          `directory import of 100k ${label} (${storage}): upload of 50 chunks ${Math.round(uploadMs)} ms, commit ${Math.round(commitMs)} ms, ` +
            `slowest /healthz during the commit ${Math.round(slowestHealthMs)} ms`,
        );
      }
      const pullStart = performance.now();
      const pulled = await pullAll(call, ADMIN, 0, 10_000);
      expect(pulled.rows.length).toBe(100_000);
      console.log(`${storage}: delta of 100k rows in ${pulled.pages} pages of 10k: ${Math.round(performance.now() - pullStart)} ms`);
    } finally {
      await relay.stop();
    }
  }, 120_000);
});
