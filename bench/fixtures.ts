/**
 * Benchmark fixtures: enterprise docs of realistic size (≈33 KB encoded, the size ARCHITECTURE.md
 * measured for a one-year file), built only with the real domain functions, and a raw /sync pusher
 * that loads them into a relay the way devices do (Push frames, waiting for every Ack).
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import {
  PROTOCOL_VERSION,
  createEnterprise,
  decodeFrame,
  encodeFrame,
  generateDemoEnterprises,
  seededRandom,
  setEnterpriseField,
  setEnterpriseNote,
  setEnterpriseTag,
  COMMON_TAGS,
} from '@bangqi/shared';
import { benchToken } from './auth.ts';

const SENTENCES = [
  '走访了解到企业订单饱满，二季度产值同比增长12%。',
  '企业反映招工难，技术工人缺口约30人，已对接人社部门。',
  '宣讲研发费用加计扣除、高新技术企业认定等政策。',
  '厂区东侧道路积水问题已协调镇街安排施工。',
  '企业计划新上自动化生产线，需办理环评手续。',
  '融资需求500万元，已推荐至区担保公司。',
];

/** Builds one enterprise doc through many small edits, like a year of use, until ≥ targetBytes. */
export function buildSizedEnterprise(index: number, targetBytes = 33_000): { id: string; update: Uint8Array } {
  const [demo] = generateDemoEnterprises(1, 7000 + index);
  const rand = seededRandom(index + 1);
  const doc = new Y.Doc();
  doc.clientID = 5_000_000 + index;
  const id = `ent-bench${String(index).padStart(5, '0')}`;
  createEnterprise(doc, demo!, 'bench', 1_700_000_000_000);
  let note = '';
  let step = 0;
  while (Y.encodeStateAsUpdate(doc).byteLength < targetBytes) {
    for (let i = 0; i < 60; i++, step++) {
      const at = 1_700_000_000_000 + step * 60_000;
      note += SENTENCES[Math.floor(rand() * SENTENCES.length)]!;
      // Occasionally rewrite an earlier part, as people do: leaves a delete set like real docs.
      if (rand() < 0.2 && note.length > 40) note = note.slice(0, 10) + note.slice(25);
      setEnterpriseNote(doc, note, 'bench', at);
      if (rand() < 0.1) setEnterpriseField(doc, 'name', `${demo!.name}${step % 3 === 0 ? '' : '（分厂）'}`, 'bench', at);
      if (rand() < 0.05) setEnterpriseTag(doc, COMMON_TAGS[step % COMMON_TAGS.length]!, rand() < 0.5, 'bench', at);
    }
  }
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { id, update };
}

/** Pushes updates over one /sync socket and resolves when every one is acked (i.e. committed). */
export async function pushAll(wsUrl: string, docs: { id: string; update: Uint8Array }[]): Promise<void> {
  const ws = new WebSocket(`${wsUrl}/sync`);
  ws.binaryType = 'nodebuffer';
  await new Promise<void>((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let acked = 0;
  const done = new Promise<void>((resolve, reject) => {
    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        const msg = JSON.parse(String(data)) as { t: string };
        if (msg.t === 'caught-up') {
          docs.forEach((d, ref) => ws.send(encodeFrame({ type: 'push', docId: d.id, ref: ref + 1, update: d.update })));
        }
        return;
      }
      const frame = decodeFrame(new Uint8Array(data as Buffer));
      if (frame.type === 'refuse') reject(new Error(`push refused: ${frame.reason}`));
      if (frame.type === 'ack' && ++acked === docs.length) resolve();
    });
    ws.once('close', (code) => reject(new Error(`closed ${code} after ${acked} acks`)));
  });
  ws.send(JSON.stringify({ t: 'hello', v: PROTOCOL_VERSION, lastSeq: 0, epoch: '', deviceId: 'bench-loader', token: benchToken }));
  await done;
  ws.removeAllListeners('close');
  ws.close();
}
