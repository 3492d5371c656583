import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRoot } from 'solid-js';
import type { DirectoryDelta, DirectoryEntity, Principal } from '@bangqi/shared';
import { AppDb, getMeta } from '../storage/db.ts';
import { DELTA_PAGE, createDirectoryStore, type DirectoryCursor } from './directory.ts';

const entity = (i: number, version: number): DirectoryEntity => ({
  uscc: `U${String(i).padStart(5, '0')}`,
  name: `企业${i}`,
  formerNames: [],
  legalRep: '',
  address: '',
  establishedOn: '',
  registeredCapital: '',
  industry: '',
  town: '',
  status: '',
  version,
  updatedAt: 1,
});

/** A relay holding `rows` (sorted by version, uscc) that serves /stats and /delta like docs/protocol.md. */
function fakeRelay(rows: DirectoryEntity[], options: { status?: number; failAfterPages?: number } = {}) {
  let pages = 0;
  const fetch = vi.fn(async (url: string) => {
    if (options.status) return new Response(JSON.stringify({ reason: 'forbidden', message: 'no' }), { status: options.status });
    const u = new URL(url, 'http://relay');
    const head = Math.max(0, ...rows.map((r) => r.version));
    if (u.pathname === '/api/directory/stats') return Response.json({ rows: rows.length, version: head });
    if (options.failAfterPages !== undefined && pages >= options.failAfterPages) throw new TypeError('network');
    pages++;
    const since = Number(u.searchParams.get('since'));
    const after = u.searchParams.get('after') ?? '';
    const limit = Number(u.searchParams.get('limit'));
    const rest = rows.filter((r) => r.version > since || (after !== '' && r.version === since && r.uscc > after));
    const body: DirectoryDelta = { rows: rest.slice(0, limit), version: head, more: rest.length > limit };
    return Response.json(body);
  });
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const principal = (role: Principal['role']): Principal => ({ userId: 'u', role, teamIds: [], ledTeamIds: [] }) as unknown as Principal;

function store(db: AppDb, role: Principal['role'] = 'commissioner') {
  return createRoot(() =>
    createDirectoryStore({
      db,
      auth: { accessToken: async () => 't', refresh: async () => false, principal: () => principal(role) },
      keysFor: async (names) => names.map(() => 'k'),
    }),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('directory pull', () => {
  it('pages through every delta, stores rows with keys and ends with the head version as cursor', async () => {
    const db = new AppDb('dir-pull');
    const rows = Array.from({ length: 12_000 }, (_, i) => entity(i, i < 7_000 ? 1 : 2));
    const fetch = fakeRelay(rows);
    const dir = store(db);
    const seen: number[] = [];
    dir.onRows((batch) => seen.push(batch.length));
    await dir.pull();
    expect(await db.directory.count()).toBe(12_000);
    expect((await db.directory.get('U00042'))!.keys).toBe('k');
    expect(seen.reduce((a, b) => a + b, 0)).toBe(12_000);
    expect(Math.max(...seen)).toBeLessThanOrEqual(500);
    expect(await getMeta<DirectoryCursor>(db, 'directoryCursor', { since: -1, after: '' })).toEqual({ since: 2, after: '' });
    expect(dir.localCount()).toBe(12_000);
    expect(dir.pullState()).toEqual({ phase: 'idle' });
    // caught up: the next pull only asks for the stats
    fetch.mockClear();
    await dir.pull();
    expect(fetch).toHaveBeenCalledTimes(1);
    db.close();
  });

  it('resumes after an interruption from the last row written', async () => {
    const db = new AppDb('dir-pull-resume');
    const rows = Array.from({ length: 11_000 }, (_, i) => entity(i, 1));
    fakeRelay(rows, { failAfterPages: 1 });
    const dir = store(db);
    await dir.pull();
    expect(await db.directory.count()).toBe(DELTA_PAGE);
    expect(await getMeta<DirectoryCursor>(db, 'directoryCursor', { since: -1, after: '' })).toEqual({ since: 1, after: 'U01999' });
    const fetch = fakeRelay(rows);
    await dir.pull();
    expect(await db.directory.count()).toBe(11_000);
    expect(fetch.mock.calls.map(([url]) => new URL(url as string, 'http://r').searchParams.get('after')).filter(Boolean)[0]).toBe('U01999');
    db.close();
  });

  it('stays quiet when the relay refuses the directory (403), and handlers do not ask', async () => {
    const db = new AppDb('dir-pull-403');
    fakeRelay([], { status: 403 });
    const dir = store(db);
    await dir.pull();
    expect(dir.pullState()).toEqual({ phase: 'forbidden' });
    const fetch = fakeRelay([entity(1, 1)]);
    const handler = store(db, 'handler');
    await handler.pull();
    expect(handler.pullState()).toEqual({ phase: 'forbidden' });
    expect(fetch).not.toHaveBeenCalled();
    db.close();
  });
});
