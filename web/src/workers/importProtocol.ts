/** Messages between the import page and the import worker, and the page's side of the conversation. */
import type { DirectoryImportRow, DirectoryReject } from '@bangqi/shared';
import type { CheckedSheet, Columns, OpenedSheet, ReportLine } from './importJob.ts';

export type ImportRequest =
  | { id: number; type: 'open'; file: Blob; fileName: string }
  | { id: number; type: 'check'; columns: Columns }
  | { id: number; type: 'chunk'; n: number }
  | { id: number; type: 'describe'; rejects: DirectoryReject[] };

export type ImportResponse =
  | { id: number; type: 'opened'; sheet: OpenedSheet | null }
  | { id: number; type: 'progress'; done: number; total: number }
  | { id: number; type: 'checked'; checked: CheckedSheet }
  | { id: number; type: 'chunk'; rows: DirectoryImportRow[] }
  | { id: number; type: 'described'; lines: ReportLine[] }
  | { id: number; type: 'error'; message: string };

/** The page's handle on one worker: each call is a request answered by one final message. */
export interface ImportWorker {
  open(file: Blob, fileName: string): Promise<OpenedSheet | null>;
  check(columns: Columns, onProgress: (done: number, total: number) => void): Promise<CheckedSheet>;
  chunk(n: number): Promise<DirectoryImportRow[]>;
  describe(rejects: DirectoryReject[]): Promise<ReportLine[]>;
  terminate(): void;
}

type Body<T> = T extends unknown ? Omit<T, 'id'> : never;

export function startImportWorker(): ImportWorker {
  const worker = new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module' });
  let next = 0;
  const pending = new Map<number, { resolve(r: ImportResponse): void; reject(e: Error): void; progress?(d: number, t: number): void }>();
  worker.onmessage = (e: MessageEvent<ImportResponse>) => {
    const call = pending.get(e.data.id);
    if (!call) return;
    if (e.data.type === 'progress') return call.progress?.(e.data.done, e.data.total);
    pending.delete(e.data.id);
    if (e.data.type === 'error') call.reject(new Error(e.data.message));
    else call.resolve(e.data);
  };
  worker.onerror = (e) => {
    for (const call of pending.values()) call.reject(new Error(e.message || 'worker failed'));
    pending.clear();
  };
  const request = <T extends ImportResponse['type']>(
    body: Body<ImportRequest>,
    progress?: (d: number, t: number) => void,
  ): Promise<Extract<ImportResponse, { type: T }>> =>
    new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (r: ImportResponse) => void, reject, progress });
      worker.postMessage({ ...body, id });
    });
  return {
    open: async (file, fileName) => (await request<'opened'>({ type: 'open', file, fileName })).sheet,
    check: async (columns, onProgress) => (await request<'checked'>({ type: 'check', columns }, onProgress)).checked,
    chunk: async (n) => (await request<'chunk'>({ type: 'chunk', n })).rows,
    describe: async (rejects) => (await request<'described'>({ type: 'describe', rejects })).lines,
    terminate: () => worker.terminate(),
  };
}
