/**
 * /api/blobs/<sha256> against real relays (port 0, temp DATA_DIR, demo accounts only): content
 * addressing and duplicates, chunked uploads resumed after the relay process was killed (SQLite and
 * PostgreSQL), the size limits, hash mismatches, bad offsets, cut-off chunks, and who may call it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Relay, startRelay } from '../src/server.ts';
import { killAll, removeTempDirs, spawnRelay, TEST_JWT_SECRET, tempDataDir, tokenFor } from './helpers.ts';

const CHUNK = 256 * 1024;
const quiet = pino({ level: 'silent' });
const ADMIN = await tokenFor('u-admin');
const COMMISSIONER = await tokenFor('u-zhangwei');
const HANDLER = await tokenFor('u-zhaomin');

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const bytes = (n: number) => new Uint8Array(randomBytes(n));

interface Reply {
  status: number;
  headers: Headers;
  json: Record<string, unknown> | null;
  body: Uint8Array;
}

async function call(base: string, method: string, hash: string, token: string | null, init: { headers?: Record<string, string>; body?: Uint8Array } = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(token !== null ? { Authorization: `Bearer ${token}` } : {}), ...init.headers };
  const res = await fetch(`${base}/api/blobs/${hash}`, { method, headers, ...(init.body ? { body: init.body } : {}) });
  const body = new Uint8Array(await res.arrayBuffer());
  const isJson = (res.headers.get('content-type') ?? '').startsWith('application/json');
  return { status: res.status, headers: res.headers, json: isJson ? (JSON.parse(Buffer.from(body).toString('utf8')) as Record<string, unknown>) : null, body };
}

/** PUT one chunk: the bytes of `data` from `offset`, at most `size` of them. */
function putChunk(base: string, token: string, hash: string, data: Uint8Array, offset: number, size = CHUNK, mime = 'image/jpeg'): Promise<Reply> {
  return call(base, 'PUT', hash, token, {
    headers: { 'Upload-Offset': String(offset), 'Upload-Length': String(data.byteLength), 'Content-Type': mime },
    body: data.subarray(offset, offset + size),
  });
}

/** What a client does: HEAD for the offset, then chunks until the answer is not a 200 {offset}. */
async function uploadAll(base: string, token: string, data: Uint8Array, hash = sha256(data)): Promise<Reply> {
  const head = await call(base, 'HEAD', hash, token);
  let offset = head.status === 200 ? 0 : Number(head.headers.get('upload-offset'));
  for (;;) {
    const reply = await putChunk(base, token, hash, data, offset);
    if (reply.status !== 200 || typeof reply.json?.offset !== 'number') return reply;
    offset = reply.json.offset;
  }
}

const offsetOf = async (base: string, token: string, hash: string) => {
  const head = await call(base, 'HEAD', hash, token);
  expect(head.status).toBe(404);
  return Number(head.headers.get('upload-offset'));
};

/** A raw PUT whose body is sent only as far as `send` says (then the request is left open or cut). */
function rawPut(base: string, hash: string, headers: Record<string, string>, send: Uint8Array, cut: boolean): Promise<{ status: number; body: string } | 'cut'> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/api/blobs/${hash}`, { method: 'PUT', headers: { Authorization: `Bearer ${COMMISSIONER}`, ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode!, body });
      });
    });
    req.on('error', (err) => (cut ? resolve('cut') : reject(err)));
    req.write(send);
    if (cut) setTimeout(() => req.destroy(), 100);
  });
}

afterAll(async () => {
  await killAll();
  removeTempDirs();
});

describe('blobs on one relay', () => {
  let relay: Relay;
  let base: string;
  beforeAll(async () => {
    relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir: tempDataDir(), seedDemo: 'users', jwtSecret: TEST_JWT_SECRET, logger: quiet });
    base = `http://127.0.0.1:${relay.port}`;
  });
  afterAll(() => relay.close());

  it('is content-addressed: the bytes come back from their hash, to any signed-in user, and a second upload stores nothing', async () => {
    const photo = bytes(600 * 1024 + 11); // 3 chunks
    const hash = sha256(photo);
    expect((await call(base, 'GET', hash, COMMISSIONER)).json).toMatchObject({ reason: 'not-found' });
    expect(await offsetOf(base, COMMISSIONER, hash)).toBe(0);

    expect((await putChunk(base, COMMISSIONER, hash, photo, 0)).json).toEqual({ offset: CHUNK });
    expect((await putChunk(base, COMMISSIONER, hash, photo, CHUNK)).json).toEqual({ offset: 2 * CHUNK });
    const done = await putChunk(base, COMMISSIONER, hash, photo, 2 * CHUNK);
    expect(done.status).toBe(201);
    expect(done.json).toEqual({ hash, bytes: photo.byteLength });

    const head = await call(base, 'HEAD', hash, HANDLER);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(photo.byteLength));
    expect(head.headers.get('content-type')).toBe('image/jpeg');

    const got = await call(base, 'GET', hash, HANDLER); // another user, another department: the address is the capability
    expect(got.status).toBe(200);
    expect(Buffer.from(got.body).equals(Buffer.from(photo))).toBe(true);
    expect(got.headers.get('content-type')).toBe('image/jpeg');
    expect(got.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
    expect(got.headers.get('etag')).toBe(`"${hash}"`);
    const cached = await call(base, 'GET', hash, HANDLER, { headers: { 'If-None-Match': `"${hash}"` } });
    expect(cached.status).toBe(304);
    expect(cached.body.byteLength).toBe(0);

    // the same bytes from another device: answered from the headers, before a byte of the body is sent
    const again = await rawPut(base, hash, { 'Upload-Offset': '0', 'Upload-Length': String(photo.byteLength), 'Content-Type': 'image/jpeg', 'Content-Length': String(CHUNK) }, new Uint8Array(0), false);
    expect(again).toEqual({ status: 200, body: JSON.stringify({ hash, bytes: photo.byteLength, existed: true }) });
    expect(await uploadAll(base, ADMIN, photo)).toMatchObject({ status: 200, json: { hash, bytes: photo.byteLength, existed: true } });
  });

  it('answers a chunk that does not continue the upload with 409 and the offset to resume from', async () => {
    const file = bytes(3 * CHUNK);
    const hash = sha256(file);
    expect((await putChunk(base, COMMISSIONER, hash, file, CHUNK)).json).toMatchObject({ reason: 'bad-offset', offset: 0 });
    await putChunk(base, COMMISSIONER, hash, file, 0);
    await putChunk(base, COMMISSIONER, hash, file, CHUNK);
    for (const offset of [0, CHUNK, 2 * CHUNK + 5]) {
      const stale = await putChunk(base, COMMISSIONER, hash, file, offset);
      expect(stale.status).toBe(409);
      expect(stale.json).toMatchObject({ reason: 'bad-offset', offset: 2 * CHUNK });
    }
    // a resend of the last chunk is refused too, and says where the client really is
    const refused = await rawPut(base, hash, { 'Upload-Offset': String(CHUNK), 'Upload-Length': String(file.byteLength), 'Content-Length': String(CHUNK) }, new Uint8Array(0), false);
    expect(refused).toMatchObject({ status: 409 });
    const resumed = await putChunk(base, COMMISSIONER, hash, file, 2 * CHUNK);
    expect(resumed.status).toBe(201);
    expect(Buffer.from((await call(base, 'GET', hash, COMMISSIONER)).body).equals(Buffer.from(file))).toBe(true);
  });

  it('stores nothing of a chunk cut off mid-way: the client resends it from the stored offset', async () => {
    const file = bytes(2 * CHUNK);
    const hash = sha256(file);
    await putChunk(base, COMMISSIONER, hash, file, 0);
    const headers = { 'Upload-Offset': String(CHUNK), 'Upload-Length': String(file.byteLength), 'Content-Type': 'image/jpeg', 'Content-Length': String(CHUNK) };
    expect(await rawPut(base, hash, headers, file.subarray(CHUNK, CHUNK + 1000), true)).toBe('cut');
    expect(await offsetOf(base, COMMISSIONER, hash)).toBe(CHUNK);
    const resent = await putChunk(base, COMMISSIONER, hash, file, CHUNK);
    expect(resent.status).toBe(201);
    expect(Buffer.from((await call(base, 'GET', hash, COMMISSIONER)).body).equals(Buffer.from(file))).toBe(true);
  });

  it('refuses bytes that do not hash to the address (422) and forgets the upload', async () => {
    const file = bytes(CHUNK + 100);
    const wrong = sha256(bytes(16));
    expect((await putChunk(base, COMMISSIONER, wrong, file, 0)).status).toBe(200);
    expect(await offsetOf(base, COMMISSIONER, wrong)).toBe(CHUNK);
    const last = await putChunk(base, COMMISSIONER, wrong, file, CHUNK);
    expect(last.status).toBe(422);
    expect(last.json).toMatchObject({ reason: 'hash-mismatch' });
    expect(await offsetOf(base, COMMISSIONER, wrong)).toBe(0);
    expect((await call(base, 'GET', wrong, COMMISSIONER)).status).toBe(404);
  });

  it('refuses a blob over BLOB_MAX_BYTES and a request body over 1 MiB with 413', async () => {
    const hash = sha256(bytes(8));
    const tooLarge = await call(base, 'PUT', hash, COMMISSIONER, {
      headers: { 'Upload-Offset': '0', 'Upload-Length': String(10 * 1024 * 1024 + 1), 'Content-Type': 'image/jpeg' },
      body: bytes(100),
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json).toMatchObject({ reason: 'blob-too-large' });
    // exactly at the limit is allowed to start
    const atLimit = await call(base, 'PUT', hash, COMMISSIONER, {
      headers: { 'Upload-Offset': '0', 'Upload-Length': String(10 * 1024 * 1024), 'Content-Type': 'image/jpeg' },
      body: bytes(100),
    });
    expect(atLimit.json).toEqual({ offset: 100 });
    const hugeChunk = await call(base, 'PUT', sha256(bytes(8)), COMMISSIONER, {
      headers: { 'Upload-Offset': '0', 'Upload-Length': String(2 * 1024 * 1024), 'Content-Type': 'image/jpeg' },
      body: bytes(1024 * 1024 + 1),
    });
    expect(hugeChunk.status).toBe(413);
    expect(hugeChunk.json).toMatchObject({ reason: 'too-big' });
  });

  it('refuses bad addresses and headers with 400', async () => {
    const data = bytes(10);
    const hash = sha256(data);
    const put = (h: string, headers: Record<string, string>) => call(base, 'PUT', h, COMMISSIONER, { headers, body: data });
    const ok = { 'Upload-Offset': '0', 'Upload-Length': '10', 'Content-Type': 'image/jpeg' };
    for (const bad of [hash.toUpperCase(), hash.slice(1), `${hash}0`, 'x'.repeat(64)]) {
      expect((await put(bad, ok)).json, bad).toMatchObject({ reason: 'invalid-request' });
      expect((await call(base, 'GET', bad, COMMISSIONER)).status).toBe(400);
    }
    const { 'Upload-Length': _length, ...noLength } = ok;
    for (const headers of [noLength, { ...ok, 'Upload-Offset': '-1' }, { ...ok, 'Upload-Offset': '1e3' }, { ...ok, 'Upload-Offset': '11' }, { ...ok, 'Content-Type': 'jpeg' }, { ...ok, 'Upload-Length': '5' }]) {
      const reply = await put(hash, headers);
      expect(reply.status, JSON.stringify(headers)).toBe(400);
      expect(reply.json).toMatchObject({ reason: 'invalid-request' });
    }
    expect(await offsetOf(base, COMMISSIONER, hash)).toBe(0);
    expect((await put(hash, { ...ok, 'Content-Type': 'Text/Plain; charset=utf-8' })).status).toBe(201);
    expect((await call(base, 'GET', hash, COMMISSIONER)).headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect((await call(base, 'POST', hash, COMMISSIONER)).status).toBe(405);
  });

  it('refuses callers without a valid token with 401, a disabled user included', async () => {
    const data = bytes(1000);
    const hash = sha256(data);
    expect((await uploadAll(base, COMMISSIONER, data)).status).toBe(201);
    const expired = await tokenFor('u-zhangwei', { ttlMs: 1000, now: Date.now() - 3_600_000 });
    const forged = await tokenFor('u-zhangwei', { secret: 'another-secret' });
    for (const token of [null, 'not-a-jwt', expired, forged]) {
      expect((await call(base, 'GET', hash, token)).json, String(token)).toMatchObject({ reason: 'unauthenticated' });
      expect((await call(base, 'HEAD', hash, token)).status).toBe(401);
      const put = await call(base, 'PUT', sha256(bytes(4)), token, { headers: { 'Upload-Offset': '0', 'Upload-Length': '4' }, body: bytes(4) });
      expect(put.status).toBe(401);
    }
    const sunlei = await tokenFor('u-sunlei');
    expect((await call(base, 'GET', hash, sunlei)).status).toBe(200);
    const patched = await fetch(`${base}/api/admin/users/u-sunlei`, {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    expect(patched.status).toBe(200);
    const refused = await call(base, 'GET', hash, sunlei);
    expect(refused.status).toBe(401);
    expect(refused.json).toMatchObject({ reason: 'unauthenticated' });
    const upload = await call(base, 'PUT', sha256(bytes(4)), sunlei, { headers: { 'Upload-Offset': '0', 'Upload-Length': '4' }, body: bytes(4) });
    expect(upload.status).toBe(401);
  });

  it('takes a 10 MiB blob in 40 chunks and serves it back (figures in the log)', async () => {
    const big = bytes(10 * 1024 * 1024);
    const t0 = performance.now();
    const done = await uploadAll(base, COMMISSIONER, big);
    const uploadMs = performance.now() - t0;
    expect(done.status).toBe(201);
    const t1 = performance.now();
    const got = await call(base, 'GET', sha256(big), HANDLER);
    const downloadMs = performance.now() - t1;
    expect(Buffer.from(got.body).equals(Buffer.from(big))).toBe(true);
    console.info(`blobs (sqlite, in-process): 10 MiB upload in 256 KiB chunks ${uploadMs.toFixed(0)} ms, download ${downloadMs.toFixed(0)} ms`);
  });
});

describe('an upload resumed after the relay process was killed', () => {
  const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const pgAdmin = new pg.Pool({ connectionString: DATABASE_URL, max: 1, connectionTimeoutMillis: 3_000 });
  pgAdmin.on('error', () => {});
  const schemas: string[] = [];
  afterEach(killAll);
  afterAll(async () => {
    for (const schema of schemas.splice(0)) await pgAdmin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pgAdmin.end();
  });

  function relayEnv(storage: 'sqlite' | 'postgres'): Record<string, string> {
    const env = { DATA_DIR: tempDataDir(), BLOB_MAX_BYTES: String(2 * 1024 * 1024) };
    if (storage === 'sqlite') return env;
    const schema = `bangqi_blob_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    schemas.push(schema);
    return { ...env, PERSISTENCE: 'postgres', DATABASE_URL, PG_SCHEMA: schema };
  }

  for (const storage of ['sqlite', 'postgres'] as const) {
    it(`${storage}: HEAD shows the bytes stored before kill -9, the upload resumes there and completes verified`, async () => {
      const env = relayEnv(storage);
      const photo = bytes(5 * CHUNK + 333);
      const hash = sha256(photo);
      const first = await spawnRelay(env);
      expect((await putChunk(first.url, COMMISSIONER, hash, photo, 0)).json).toEqual({ offset: CHUNK });
      expect((await putChunk(first.url, COMMISSIONER, hash, photo, CHUNK)).json).toEqual({ offset: 2 * CHUNK });
      expect(await offsetOf(first.url, COMMISSIONER, hash)).toBe(2 * CHUNK);
      // BLOB_MAX_BYTES from the environment
      const over = await call(first.url, 'PUT', sha256(bytes(4)), COMMISSIONER, {
        headers: { 'Upload-Offset': '0', 'Upload-Length': String(2 * 1024 * 1024 + 1) },
        body: bytes(4),
      });
      expect(over.json).toMatchObject({ reason: 'blob-too-large' });
      await first.stop('SIGKILL');

      const second = await spawnRelay(env);
      expect(await offsetOf(second.url, COMMISSIONER, hash)).toBe(2 * CHUNK);
      const done = await uploadAll(second.url, COMMISSIONER, photo);
      expect(done.status).toBe(201);
      expect(done.json).toEqual({ hash, bytes: photo.byteLength });
      const got = await call(second.url, 'GET', hash, HANDLER);
      expect(sha256(got.body)).toBe(hash);
      await second.stop();
    });
  }
});
