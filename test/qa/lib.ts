/**
 * QA5 helpers: a bare /sync v1 client and HTTP helpers, written apart from sync-server/test/helpers.ts so
 * the re-check does not share the authors' assumptions. Used by the scripts in this folder against a relay
 * started like a user would (`npx tsx sync-server/src/main.ts`).
 */
import {
  decodeFrame,
  type DocFrame,
  encodeFrame,
  type LoginResponse,
  PROTOCOL_VERSION,
  type ServerControl,
} from '@bangqi/shared';
import WebSocket from 'ws';
import * as Y from 'yjs';

export type Got = { frame: DocFrame } | { control: ServerControl };

export class RawSync {
  readonly got: Got[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  closeInfo: { code: number; reason: string } | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer, binary) => {
      this.got.push(binary ? { frame: decodeFrame(new Uint8Array(data)) } : { control: JSON.parse(data.toString()) as ServerControl });
    });
    ws.on('error', () => {});
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString() };
        resolve(this.closeInfo);
      }),
    );
  }

  static async open(base: string, token: string | undefined, deviceId: string, extra: Record<string, unknown> = {}): Promise<RawSync> {
    const ws = new WebSocket(`${base}/sync`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const c = new RawSync(ws);
    ws.send(JSON.stringify({ t: 'hello', v: PROTOCOL_VERSION, lastSeq: 0, epoch: '', deviceId, ...(token ? { token } : {}), ...extra }));
    return c;
  }

  send(frame: DocFrame): void {
    this.ws.send(encodeFrame(frame));
  }

  frames(): DocFrame[] {
    return this.got.flatMap((g) => ('frame' in g ? [g.frame] : []));
  }

  feeds(docId?: string): Extract<DocFrame, { type: 'feed' }>[] {
    return this.frames().filter((f): f is Extract<DocFrame, { type: 'feed' }> => f.type === 'feed' && (docId === undefined || f.docId === docId));
  }

  async until<T>(probe: () => T | undefined | null | false, what: string, ms = 15_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = probe();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timeout: ${what}`);
      await sleep(20);
    }
  }

  caughtUp(): Promise<Extract<ServerControl, { t: 'caught-up' }>> {
    return this.until(
      () => this.got.flatMap((g) => ('control' in g && g.control.t === 'caught-up' ? [g.control] : []))[0],
      'caught-up',
      30_000,
    ) as Promise<Extract<ServerControl, { t: 'caught-up' }>>;
  }

  /** Pushes and waits for Ack/Refuse, or for the socket to close. */
  async push(docId: string, ref: number, update: Uint8Array, ms = 10_000): Promise<DocFrame | { closed: { code: number; reason: string } }> {
    this.send({ type: 'push', docId, ref, update });
    return this.until(
      () => {
        const hit = this.frames().find((f) => (f.type === 'ack' || f.type === 'refuse') && f.docId === docId && f.ref === ref);
        if (hit) return hit;
        if (this.closeInfo) return { closed: this.closeInfo };
        return undefined;
      },
      `reply to ${ref}`,
      ms,
    );
  }

  /** The file as this client has it from its feeds. */
  doc(docId: string): Y.Doc {
    const d = new Y.Doc();
    for (const f of this.feeds(docId)) Y.applyUpdate(d, f.update);
    return d;
  }

  close(): void {
    this.ws.close();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function login(http: string, username: string, password: string, deviceId = `qa5-${username}`) {
  const res = await fetch(`${http}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password, deviceId }),
  });
  const body = (await res.json()) as LoginResponse & { reason?: string; retryAfterSec?: number };
  return { status: res.status, body };
}

export async function api(http: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${http}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

/** Captures the update a change produces on `doc`. */
export function capture(doc: Y.Doc, change: () => void): Uint8Array {
  const parts: Uint8Array[] = [];
  const on = (u: Uint8Array) => parts.push(u);
  doc.on('update', on);
  change();
  doc.off('update', on);
  return Y.mergeUpdates(parts);
}

/** Opens a raw /y socket and resolves with its close (or 'open-after-ms' when still open). */
export function yClose(base: string, docId: string, token: string | null, ms = 3000): Promise<{ code: number; reason: string } | 'still-open'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${base}/y/${docId}${token === null ? '' : `?token=${encodeURIComponent(token)}`}`);
    ws.on('error', () => {});
    const timer = setTimeout(() => {
      ws.close();
      resolve('still-open');
    }, ms);
    ws.once('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString() });
    });
  });
}

const results: string[] = [];
export function check(name: string, ok: boolean, detail: unknown = ''): void {
  const line = `${ok ? 'PASS' : 'FAIL'} ${name}${detail === '' ? '' : ` — ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`}`;
  results.push(line);
  console.log(line);
}
export function summary(): void {
  const fails = results.filter((r) => r.startsWith('FAIL'));
  console.log(`\n${results.length - fails.length} PASS, ${fails.length} FAIL`);
}
