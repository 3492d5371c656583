import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WriteValidator } from './acl/write-validator.ts';
import { openSqlitePersistence } from './persistence/sqlite.ts';
import type { Persistence } from './persistence/types.ts';
import { type CommitEvent, Rooms } from './rooms.ts';

function textUpdates(...parts: string[]): Uint8Array[] {
  const doc = new Y.Doc();
  return parts.map((part) => {
    const before = Y.encodeStateVector(doc);
    doc.getText('t').insert(doc.getText('t').length, part);
    return Y.encodeStateAsUpdate(doc, before);
  });
}

describe('Rooms', () => {
  let dir: string;
  let store: Persistence;
  let events: CommitEvent[];
  const make = (docIdleMs = 60_000, compactEvery = 500) =>
    new Rooms({ store, log: pino({ level: 'silent' }), docIdleMs, compactEvery, validator: new WriteValidator(() => ({ users: [], teams: [] })), onCommit: (e) => events.push(e) });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bangqi-rooms-'));
    store = openSqlitePersistence(dir);
    events = [];
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits concurrent writes in order: acks and broadcasts follow the seqs', async () => {
    const rooms = make();
    const acks: number[] = [];
    const [a, b, c] = textUpdates('a', 'b', 'c');
    const results = await Promise.all([
      rooms.commit('ent-1', a!, { source: null, ack: (seq) => acks.push(seq) }),
      rooms.commit('ent-2', b!, { source: null, ack: (seq) => acks.push(seq) }),
      rooms.commit('ent-1', c!, { source: null, ack: (seq) => acks.push(seq) }),
    ]);
    expect(results).toEqual([1, 2, 3].map((seq) => ({ ok: true, seq, stored: true })));
    expect(acks).toEqual([1, 2, 3]);
    expect(events.map((e) => [e.room.docId, e.seq])).toEqual([['ent-1', 1], ['ent-2', 2], ['ent-1', 3]]);
    expect(await store.headSeq()).toBe(3);
    await rooms.close();
  });

  it('acks a no-op resend with the current seq and stores nothing', async () => {
    const rooms = make();
    const [a] = textUpdates('a');
    await rooms.commit('ent-1', a!, { source: null });
    const acks: number[] = [];
    expect(await rooms.commit('ent-1', a!, { source: null, ack: (seq) => acks.push(seq) })).toEqual({ ok: true, seq: 1, stored: false });
    expect(acks).toEqual([1]);
    expect(events).toHaveLength(1);
    expect(await store.headSeq()).toBe(1);
    await rooms.close();
  });

  it('keeps an update that waits for a missing dependency, and completes it after a reload', async () => {
    const rooms = make();
    const [first, second] = textUpdates('hello ', 'world');
    expect(await rooms.commit('ent-gap', second!, { source: null })).toMatchObject({ ok: true, stored: true });
    await rooms.close();
    const again = make();
    await again.commit('ent-gap', first!, { source: null });
    expect((await again.get('ent-gap')).doc.getText('t').toString()).toBe('hello world');
    await again.close();
  });

  it('refuses a malformed update without touching the doc', async () => {
    const rooms = make();
    const result = await rooms.commit('ent-bad', new Uint8Array([9, 9, 9, 9, 9]), { source: null });
    expect(result).toMatchObject({ ok: false, reason: 'invalid-update' });
    expect(await store.headSeq()).toBe(0);
    await rooms.close();
  });

  it('compacts after compactEvery updates and reloads the same content', async () => {
    const rooms = make(60_000, 3);
    for (const update of textUpdates('a', 'b', 'c', 'd')) await rooms.commit('ent-c', update, { source: null });
    const stored = await store.loadDoc('ent-c');
    expect(stored!.snapshot).not.toBeNull();
    expect(stored!.updates).toHaveLength(1);
    await rooms.close();
    const again = make();
    expect((await again.get('ent-c')).doc.getText('t').toString()).toBe('abcd');
    await again.close();
  });

  it('unloads a doc nobody has open after the idle time, not while a peer has it', async () => {
    const rooms = make(30);
    const room = await rooms.get('ent-idle');
    const peer = { sendAwareness: () => {} };
    rooms.join(room, peer);
    await new Promise((r) => setTimeout(r, 80));
    expect(rooms.size).toBe(1);
    rooms.leave(room, peer);
    await new Promise((r) => setTimeout(r, 80));
    expect(rooms.size).toBe(0);
    expect(room.doc.isDestroyed).toBe(true);
    await rooms.close();
  });
});
