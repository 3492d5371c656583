/**
 * First start: the deterministic demo district (300 enterprise files) in one transaction, its policy
 * library, and the district settings doc with the official holiday calendar.
 */
import { demoEnterpriseUpdate, DISTRICT_CONFIG_DOC_ID, generateDemoEnterprises, POLICY_LIBRARY_DOC_ID, seedDemoPolicies } from '@bangqi/shared';
import { seedDistrictConfig } from '@bangqi/shared/calendar/config';
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
  items.push(demoPolicyLibrary());
  const { seqs } = await store.appendBatch(items);
  log.info({ docs: items.length, seq: seqs.at(-1), ms: Math.round(performance.now() - started) }, 'seeded demo district');
  return items.length;
}

/**
 * Writes the district settings doc (`cfg-district`) with the official holiday years when the store has
 * none — once: a year a coordinator later removes or edits is theirs, a restart does not write it back.
 * Returns true when it wrote the doc. Devices count deadlines offline from this doc.
 */
export async function seedDistrictConfigIfAbsent(store: Persistence, log: Logger, now = Date.now()): Promise<boolean> {
  if (await store.loadDoc(DISTRICT_CONFIG_DOC_ID)) return false;
  const doc = new Y.Doc();
  seedDistrictConfig(doc, now);
  const update = Y.encodeStateAsUpdate(doc);
  const row = rowFor(DISTRICT_CONFIG_DOC_ID, doc);
  doc.destroy();
  const { seq } = await store.appendUpdate(DISTRICT_CONFIG_DOC_ID, update, row);
  log.info({ docId: DISTRICT_CONFIG_DOC_ID, seq }, 'seeded district settings (official holidays)');
  return true;
}

/** The demo policy library doc (`pol-library`), seeded only with the demo district: a real district imports its own. */
function demoPolicyLibrary(): { docId: string; update: Uint8Array; row: string } {
  const doc = new Y.Doc();
  seedDemoPolicies(doc, Date.now());
  const update = Y.encodeStateAsUpdate(doc);
  const row = rowFor(POLICY_LIBRARY_DOC_ID, doc);
  doc.destroy();
  return { docId: POLICY_LIBRARY_DOC_ID, update, row };
}
