/**
 * One import from a checked file to the relay's commit, resumable: the import id and the next chunk are
 * kept in localStorage and the picked file in IndexedDB, so after a reload or crash the page offers
 * 继续导入 (re-read the same file, send only the chunks the relay does not have, commit) or 放弃 (the
 * relay drops the staged chunks; the directory never changed). The relay commits all or nothing.
 */
import type { DirectoryCommitResult } from '@bangqi/shared';
import { ApiError } from '../../state/api.ts';
import type { DirectoryRelay } from '../../state/directory.ts';
import { getMeta, setMeta, type AppDb } from '../../storage/db.ts';
import type { CheckedSheet, Columns, ReportLine } from '../../workers/importJob.ts';
import type { ImportWorker } from '../../workers/importProtocol.ts';

export interface ResumeRecord {
  importId: string;
  fileName: string;
  columns: Columns;
  totalChunks: number;
  /** chunks sent so far (the relay's chunksReceived is what counts on resume) */
  nextChunk: number;
}

const FILE_KEY = 'directoryImportFile';

export interface ResumeStore {
  read(): ResumeRecord | null;
  write(record: ResumeRecord): void;
  clear(): Promise<void>;
  saveFile(file: Blob): Promise<void>;
  readFile(): Promise<Blob | null>;
}

/** The record per user in localStorage (survives a crash mid-chunk), the file in the user's database. */
export function resumeStore(db: AppDb, userId: string, storage: Storage = localStorage): ResumeStore {
  const key = `bangqi-directory-import:${userId}`;
  return {
    read() {
      try {
        const raw = storage.getItem(key);
        return raw ? (JSON.parse(raw) as ResumeRecord) : null;
      } catch {
        return null;
      }
    },
    write: (record) => storage.setItem(key, JSON.stringify(record)),
    async clear() {
      storage.removeItem(key);
      await db.meta.delete(FILE_KEY);
    },
    saveFile: (file) => setMeta(db, FILE_KEY, file),
    readFile: () => getMeta<Blob | null>(db, FILE_KEY, null),
  };
}

export type RunPhase = 'check' | 'upload' | 'commit';

export interface RunOutcome {
  /** null when no row passed the check (nothing was sent) */
  result: DirectoryCommitResult | null;
  checked: CheckedSheet;
  /** every report line: the rows left out here and the relay's refusals */
  lines: ReportLine[];
}

export async function runImport(args: {
  worker: ImportWorker;
  relay: DirectoryRelay;
  resume: ResumeStore;
  file: Blob;
  fileName: string;
  columns: Columns;
  /** an interrupted import of this file to continue */
  existing: ResumeRecord | null;
  onProgress(phase: RunPhase, done: number, total: number, checked?: CheckedSheet): void;
}): Promise<RunOutcome> {
  const { worker, relay, resume, file, fileName, columns, onProgress } = args;
  const checked = await worker.check(columns, (done, total) => onProgress('check', done, total));
  if (checked.goodRows === 0) {
    if (args.existing) await relay.abandon(args.existing.importId).catch(() => {});
    await resume.clear();
    return { result: null, checked, lines: [...checked.errors, ...checked.warnings] };
  }
  let record = args.existing;
  let received = new Set<number>();
  let result: DirectoryCommitResult | undefined;
  if (record) {
    try {
      const state = await relay.state(record.importId);
      result = state.result;
      received = new Set(state.chunksReceived);
    } catch (err) {
      // Dropped by the relay (older than 24 h): start this file again as a new import.
      if (!(err instanceof ApiError && err.status === 404)) throw err;
      record = null;
    }
  }
  if (!record) {
    const { importId } = await relay.begin({ fileName, totalRows: checked.goodRows, totalChunks: checked.totalChunks });
    record = { importId, fileName, columns, totalChunks: checked.totalChunks, nextChunk: 0 };
    await resume.saveFile(file);
    resume.write(record);
  }
  if (!result) {
    const total = checked.totalChunks;
    onProgress('upload', received.size, total, checked);
    for (let n = 0; n < total; n++) {
      if (received.has(n)) continue;
      await relay.putChunk(record.importId, n, await worker.chunk(n));
      received.add(n);
      record = { ...record, nextChunk: n + 1 };
      resume.write(record);
      onProgress('upload', received.size, total, checked);
    }
    onProgress('commit', total, total, checked);
    result = await relay.commit(record.importId);
  }
  const relayLines = await worker.describe(result.rejected);
  await resume.clear();
  return { result, checked, lines: [...checked.errors, ...checked.warnings, ...relayLines] };
}
