/**
 * QA6: the relay's blob API by hand (fetch): 401 without/with a bad token, 413 declared too large and
 * chunk too big, 422 hash mismatch (and dropped), resume after a partial upload (HEAD Upload-Offset),
 * 409 on a wrong offset, GET bytes + ETag/304, duplicate PUT answers existed without reading.
 * Usage: QA_PORT=8860 npx tsx test/qa/6-blobs.ts
 */
import { createHash, randomBytes } from 'node:crypto';
import { check, login, summary } from './lib.ts';

const http = `http://127.0.0.1:${process.env.QA_PORT ?? 8860}`;
const { body } = await login(http, 'sunlei', 'bangqi2026', 'qa6-blobs');
const token = body.accessToken;
const auth = { Authorization: `Bearer ${token}` };
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bytes = randomBytes(300_000);
const hash = sha(bytes);
const url = `${http}/api/blobs/${hash}`;
const put = (off: number, chunk: Uint8Array, headers: Record<string, string> = auth, total = bytes.length, h = hash) =>
  fetch(`${http}/api/blobs/${h}`, {
    method: 'PUT',
    headers: { ...headers, 'Upload-Offset': String(off), 'Upload-Length': String(total), 'Content-Type': 'image/jpeg' },
    body: Buffer.from(chunk),
  });

check('PUT without token → 401', (await put(0, bytes, {})).status === 401);
check('PUT bad token → 401', (await put(0, bytes, { Authorization: 'Bearer x.y.z' })).status === 401);
check('HEAD without token → 401', (await fetch(url, { method: 'HEAD' })).status === 401);
check('GET without token → 401', (await fetch(url)).status === 401);
const big = await put(0, new Uint8Array(10), auth, 50 * 1024 * 1024);
check('Upload-Length 50 MiB → 413', big.status === 413, `${big.status} ${await big.text()}`);
const chunk = await put(0, randomBytes(1024 * 1024 + 10), auth, 2 * 1024 * 1024);
check('chunk > 1 MiB → 413', chunk.status === 413, chunk.status);
// mismatch: upload other bytes under the hash
const other = randomBytes(1000);
const mm = await put(0, other, auth, other.length);
check('bytes not hashing to the address → 422', mm.status === 422, `${mm.status} ${await mm.text()}`);
const h0 = await fetch(url, { method: 'HEAD', headers: auth });
check('after 422 nothing kept: HEAD 404 Upload-Offset 0', h0.status === 404 && h0.headers.get('upload-offset') === '0', `${h0.status} ${h0.headers.get('upload-offset')}`);
// partial then resume
const p1 = await put(0, bytes.subarray(0, 120_000));
check('partial chunk → 200 {offset}', p1.status === 200, `${p1.status} ${await p1.text()}`);
const h1 = await fetch(url, { method: 'HEAD', headers: auth });
check('HEAD after partial → 404 Upload-Offset 120000', h1.status === 404 && h1.headers.get('upload-offset') === '120000', `${h1.status} ${h1.headers.get('upload-offset')}`);
const bad = await put(50_000, bytes.subarray(50_000));
check('resume at a wrong offset → 409', bad.status === 409, `${bad.status} ${await bad.text()}`);
const p2 = await put(120_000, bytes.subarray(120_000));
check('resume from Upload-Offset → 201', p2.status === 201, `${p2.status} ${await p2.text()}`);
const g = await fetch(url, { headers: auth });
const got = new Uint8Array(await g.arrayBuffer());
check('GET returns exactly the bytes', g.status === 200 && sha(got) === hash && got.length === bytes.length, got.length);
const etag = g.headers.get('etag');
const g304 = await fetch(url, { headers: { ...auth, 'If-None-Match': etag ?? '' } });
check('GET If-None-Match → 304', g304.status === 304, `${g304.status} etag=${etag}`);
const dup = await put(0, bytes);
check('same blob PUT again → 200 existed', dup.status === 200 && ((await dup.json()) as { existed?: boolean }).existed === true);
const badHash = await fetch(`${http}/api/blobs/XYZ`, { headers: auth });
check('malformed address → 400/404', badHash.status === 400 || badHash.status === 404, badHash.status);
summary();
