import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { DIRECTORY_CHUNK_ROWS, orgCodeCheckChar, usccCheckChar, type DirectoryCommitResult, type DirectoryImportRow } from '@bangqi/shared';
import { AppDb } from '../../storage/db.ts';
import { ImportJob } from '../../workers/importJob.ts';
import type { ImportWorker } from '../../workers/importProtocol.ts';
import type { DirectoryRelay } from '../../state/directory.ts';
import { resumeStore, runImport, type ResumeRecord } from './importRun.ts';

function uscc(n: number): string {
  const body = String(n).padStart(8, '0');
  const first17 = `91371300${body}${orgCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}

const ROWS = DIRECTORY_CHUNK_ROWS * 2 + 10;
const cells = [['统一社会信用代码', '企业名称'], ...Array.from({ length: ROWS }, (_, i) => [i === 5 ? 'X' : uscc(i + 1), `企业${i}`])];

/** The worker's job run in-process. */
function inProcessWorker(): ImportWorker {
  let job: ImportJob;
  return {
    open: async () => (job = new ImportJob(cells)).open(),
    check: async (columns, onProgress) => job.check(columns, onProgress),
    chunk: async (n) => job.chunk(n),
    describe: async (rejects) => job.describe(rejects),
    terminate: () => {},
  };
}

/** A relay that stages chunks and commits them all at once; `failPut` makes the n-th put fail once. */
function fakeRelay(failPut?: number) {
  const chunks = new Map<number, DirectoryImportRow[]>();
  let result: DirectoryCommitResult | undefined;
  const puts: number[] = [];
  let failed = false;
  const relay: DirectoryRelay = {
    begin: async () => ({ importId: 'imp-1' }),
    putChunk: async (_id, n, rows) => {
      if (n === failPut && !failed) {
        failed = true;
        throw new Error('网络不可用');
      }
      puts.push(n);
      chunks.set(n, rows);
    },
    state: async () => ({
      importId: 'imp-1', fileName: 'f.xlsx', totalRows: 0, totalChunks: 3, createdAt: 0,
      status: result ? 'committed' : 'open',
      chunksReceived: result ? [] : [...chunks.keys()].sort((a, b) => a - b),
      ...(result ? { result } : {}),
    }),
    commit: async () => {
      const rows = [...chunks.values()].flat();
      result = { inserted: rows.length - 1, updated: 0, unchanged: 0, rejected: [{ row: rows[0]!.row!, uscc: rows[0]!.uscc, reason: 'uscc.duplicate' }], version: 1 };
      return result;
    },
    abandon: async () => {},
  };
  return { relay, puts, chunks };
}

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    clear: () => map.clear(),
    key: () => null,
    get length() {
      return map.size;
    },
  };
}

async function start(db: AppDb, relay: DirectoryRelay, storage: Storage, existing: ResumeRecord | null = null) {
  const worker = inProcessWorker();
  const sheet = (await worker.open(new Blob(['x']), 'f.xlsx'))!;
  return runImport({
    worker,
    relay,
    resume: resumeStore(db, 'u1', storage),
    file: new Blob(['the file']),
    fileName: 'f.xlsx',
    columns: existing?.columns ?? sheet.columns,
    existing,
    onProgress: () => {},
  });
}

describe('runImport', () => {
  it('uploads every chunk, commits, and reports our errors with the relay refusals', async () => {
    const db = new AppDb('import-run-fresh');
    const storage = memoryStorage();
    const { relay, puts } = fakeRelay();
    const outcome = await start(db, relay, storage);
    expect(puts).toEqual([0, 1, 2]);
    expect(outcome.result?.inserted).toBe(ROWS - 2);
    expect(outcome.lines.map((l) => [l.row, l.reason])).toEqual([
      [7, expect.stringContaining('统一社会信用代码')],
      [2, '统一社会信用代码在本次导入中重复'],
    ]);
    expect(resumeStore(db, 'u1', storage).read()).toBeNull();
    expect(await resumeStore(db, 'u1', storage).readFile()).toBeNull();
    db.close();
  });

  it('keeps the import id, next chunk and file when interrupted, and resumes with only the missing chunks', async () => {
    const db = new AppDb('import-run-resume');
    const storage = memoryStorage();
    const { relay, puts } = fakeRelay(1);
    await expect(start(db, relay, storage)).rejects.toThrow('网络不可用');
    const record = resumeStore(db, 'u1', storage).read();
    expect(record).toMatchObject({ importId: 'imp-1', fileName: 'f.xlsx', totalChunks: 3, nextChunk: 1 });
    expect(await (await resumeStore(db, 'u1', storage).readFile())?.text()).toBe('the file');
    const outcome = await start(db, relay, storage, record);
    expect(puts).toEqual([0, 1, 2]);
    expect(outcome.result?.inserted).toBe(ROWS - 2);
    expect(resumeStore(db, 'u1', storage).read()).toBeNull();
    db.close();
  });

  it('a resume after the commit went through shows the stored result and sends nothing', async () => {
    const db = new AppDb('import-run-committed');
    const storage = memoryStorage();
    const { relay, puts } = fakeRelay();
    const first = await start(db, relay, storage);
    const record: ResumeRecord = { importId: 'imp-1', fileName: 'f.xlsx', columns: { uscc: 0, name: 1 }, totalChunks: 3, nextChunk: 3 };
    const again = await start(db, relay, storage, record);
    expect(puts).toEqual([0, 1, 2]);
    expect(again.result).toEqual(first.result);
    db.close();
  });
});
