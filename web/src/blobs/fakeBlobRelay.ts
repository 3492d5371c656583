/**
 * A relay's blob API in memory, following docs/protocol.md "Blobs" (HEAD / PUT with Upload-Offset and
 * Upload-Length / GET), for the uploader's and the service's tests. Knobs make it fail the way a real
 * network and relay do: drop the connection after some requests, answer 5xx, lose the answer after
 * storing a chunk, reject tokens, corrupt the bytes it receives.
 */
import { sha256Hex } from './hash.ts';

export interface FakeBlobRelay {
  fetch: typeof fetch;
  complete: Map<string, { data: Uint8Array; mime: string }>;
  partial: Map<string, { total: number; mime: string; data: Uint8Array }>;
  /** every request, as "METHOD hash offset?" */
  log: string[];
  /** bytes of request bodies the relay stored */
  received: number;
  /** throw (network down) for the next n requests */
  failNext(n: number): void;
  /** answer 503 for the next n requests */
  unavailableNext(n: number): void;
  /** store the next PUT's chunk but throw instead of answering (the answer was lost) */
  loseNextAnswer(): void;
  /** the only token accepted */
  validToken: string;
  /** flip the first byte of every complete upload (→ 422) for the next n completions */
  corruptNext(n: number): void;
  maxBytes: number;
}

export function fakeBlobRelay(): FakeBlobRelay {
  let fail = 0;
  let unavailable = 0;
  let loseAnswer = false;
  let corrupt = 0;
  const relay: FakeBlobRelay = {
    complete: new Map(),
    partial: new Map(),
    log: [],
    received: 0,
    validToken: 'good',
    maxBytes: 10 * 1024 * 1024,
    failNext: (n) => (fail = n),
    unavailableNext: (n) => (unavailable = n),
    loseNextAnswer: () => (loseAnswer = true),
    corruptNext: (n) => (corrupt = n),
    fetch: async (input, init) => {
      const url = new URL(String(input), 'http://relay');
      const hash = url.pathname.split('/').pop()!;
      const method = init?.method ?? 'GET';
      const headers = new Headers(init?.headers);
      relay.log.push(`${method} ${hash.slice(0, 8)}${headers.has('upload-offset') ? ` ${headers.get('upload-offset')}` : ''}`);
      if (fail > 0) {
        fail--;
        throw new TypeError('Failed to fetch');
      }
      if (unavailable > 0) {
        unavailable--;
        return Response.json({ reason: 'server-error' }, { status: 503 });
      }
      if (headers.get('authorization') !== `Bearer ${relay.validToken}`) return Response.json({ reason: 'unauthenticated' }, { status: 401 });
      if (!/^[0-9a-f]{64}$/.test(hash)) return Response.json({ reason: 'invalid-request' }, { status: 400 });
      const done = relay.complete.get(hash);
      if (method === 'HEAD') {
        if (done) return new Response(null, { status: 200, headers: { 'content-length': String(done.data.length), 'content-type': done.mime } });
        return new Response(null, { status: 404, headers: { 'upload-offset': String(relay.partial.get(hash)?.data.length ?? 0) } });
      }
      if (method === 'GET') {
        if (!done) return Response.json({ reason: 'not-found' }, { status: 404 });
        return new Response(done.data.slice(), { status: 200, headers: { 'content-type': done.mime, etag: `"${hash}"` } });
      }
      if (method !== 'PUT') return new Response(null, { status: 405 });
      if (done) return Response.json({ hash, bytes: done.data.length, existed: true });
      const offset = Number(headers.get('upload-offset'));
      const total = Number(headers.get('upload-length'));
      const mime = headers.get('content-type') ?? 'application/octet-stream';
      if (!Number.isInteger(offset) || !Number.isInteger(total) || offset < 0 || total < 0) return Response.json({ reason: 'invalid-request' }, { status: 400 });
      if (total > relay.maxBytes) return Response.json({ reason: 'blob-too-large' }, { status: 413 });
      const part = relay.partial.get(hash) ?? { total, mime, data: new Uint8Array(0) };
      if (offset !== part.data.length) return Response.json({ reason: 'bad-offset', offset: part.data.length }, { status: 409 });
      const body = new Uint8Array(await new Response(init?.body ?? null).arrayBuffer());
      if (body.length > 1024 * 1024) return Response.json({ reason: 'too-big' }, { status: 413 });
      const data = new Uint8Array(part.data.length + body.length);
      data.set(part.data);
      data.set(body, part.data.length);
      relay.received += body.length;
      if (data.length < total) {
        relay.partial.set(hash, { ...part, data });
        if (loseAnswer) {
          loseAnswer = false;
          throw new TypeError('connection reset');
        }
        return Response.json({ offset: data.length });
      }
      relay.partial.delete(hash);
      if (corrupt > 0) {
        corrupt--;
        data[0] = data[0]! ^ 0xff;
      }
      if ((await sha256Hex(data)) !== hash) return Response.json({ reason: 'hash-mismatch' }, { status: 422 });
      relay.complete.set(hash, { data, mime });
      return Response.json({ hash, bytes: data.length }, { status: 201 });
    },
  };
  return relay;
}
