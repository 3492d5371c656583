/**
 * The import worker: reads the picked file (XLSX with read-excel-file's web-worker entry; CSV decoded
 * UTF-8 or GB18030 and parsed here), then serves the page's requests about it (ImportJob), so parsing
 * and checking 100k rows never blocks the page. Requests and answers: importProtocol.ts.
 */
import { readSheet } from 'read-excel-file/web-worker';
import { decodeCsvBytes } from '@bangqi/shared';
import { parseCsv } from './csv.ts';
import { ImportJob } from './importJob.ts';
import type { ImportRequest, ImportResponse } from './importProtocol.ts';

let job: ImportJob | null = null;

const reply = (message: ImportResponse) => (self as unknown as Worker).postMessage(message);

async function readCells(file: Blob, fileName: string): Promise<unknown[][]> {
  if (/\.(csv|txt)$/i.test(fileName)) {
    const { text } = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
    return parseCsv(text);
  }
  return (await readSheet(file)) as unknown[][];
}

async function handle(req: ImportRequest): Promise<void> {
  switch (req.type) {
    case 'open': {
      job = new ImportJob(await readCells(req.file, req.fileName));
      reply({ id: req.id, type: 'opened', sheet: job.open() });
      return;
    }
    case 'check': {
      const checked = job!.check(req.columns, (done, total) => reply({ id: req.id, type: 'progress', done, total }));
      reply({ id: req.id, type: 'checked', checked });
      return;
    }
    case 'chunk':
      reply({ id: req.id, type: 'chunk', rows: job!.chunk(req.n) });
      return;
    case 'describe':
      reply({ id: req.id, type: 'described', lines: job!.describe(req.rejects) });
  }
}

self.onmessage = (e: MessageEvent<ImportRequest>) => {
  handle(e.data).catch((err: unknown) =>
    reply({ id: e.data.id, type: 'error', message: err instanceof Error ? err.message : String(err) }),
  );
};
