/** First start: the deterministic demo district (300 enterprise files) in one transaction. */
import { demoEnterpriseUpdate, generateDemoEnterprises } from '@bangqi/shared';
import * as Y from 'yjs';
import type { Logger } from './log.ts';
import type { Persistence } from './persistence/types.ts';
import { rowFor } from './rooms.ts';

export const DEMO_ENTERPRISES = 300;

/** Seeds only an empty database; returns how many docs were written. */
export async function seedDemoIfEmpty(store: Persistence, log: Logger, count = DEMO_ENTERPRISES): Promise<number> {
  if ((await store.headSeq()) !== 0) return 0;
  const started = performance.now();
  const items = generateDemoEnterprises(count).map((enterprise, index) => {
    const update = demoEnterpriseUpdate(enterprise, index);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, update);
    const row = rowFor(enterprise.id, doc);
    doc.destroy();
    return { docId: enterprise.id, update, row };
  });
  const { seqs } = await store.appendBatch(items);
  log.info({ docs: items.length, seq: seqs.at(-1), ms: Math.round(performance.now() - started) }, 'seeded demo district');
  return items.length;
}
