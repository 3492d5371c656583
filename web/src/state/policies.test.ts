import 'fake-indexeddb/auto';
import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { POLICY_LIBRARY_DOC_ID, setPolicyWithdrawn, upsertPolicyItem, type PolicyItem, type PolicyItemInput } from '@bangqi/shared';
import { buildSearchKeys } from '@bangqi/shared/search/keys';
import { DocStore } from '../domain/docStore.ts';
import { AppDb } from '../storage/db.ts';
import { PolicySearch, createPolicyStore, mayEditPolicies } from './policies.ts';

let n = 0;
const noSync = { outboxChanged: () => {}, attach: () => ({ awareness: null as never, onPresence: () => () => {}, detach: () => {} }) };
const keysFor = (names: string[]) => Promise.resolve(names.map(buildSearchKeys));

async function until(test: () => boolean) {
  for (let i = 0; i < 300 && !test(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(test()).toBe(true);
}

function item(code: string, over: Partial<PolicyItemInput> = {}): PolicyItemInput {
  return {
    code, name: `事项${code}`, document: '', docNumber: '', level: '县区', department: '', domain: '工业', basis: '', target: '',
    keyPoints: '', requirements: '', materials: '', process: '', phone: '', url: '', platform: '', mode: '申报', benefit: '',
    amountWan: null, effectiveFrom: '', effectiveTo: '', applyFrom: '', applyTo: '', conditions: [], withdrawn: false, ...over,
  };
}
const full = (i: PolicyItemInput): PolicyItem => ({ ...i, updatedAt: 1, updatedBy: 'u' });

describe('policy library store', () => {
  it('loads an empty library, follows writes, keeps withdrawn items, and persists across a reopen', async () => {
    const db = new AppDb(`test-policies-${++n}`);
    const docs = new DocStore({ db, sync: noSync });
    let dispose = () => {};
    const store = createRoot((d) => {
      dispose = d;
      return createPolicyStore(docs, keysFor);
    });
    expect(store.ready()).toBe(false);
    await until(store.ready);
    expect(store.items()).toEqual([]);
    expect(docs.isOpen(POLICY_LIBRARY_DOC_ID)).toBe(true);
    store.change((doc) => {
      upsertPolicyItem(doc, item('B-2', { name: '高新技术企业认定奖励', department: '科技局' }), 'u-liuyang', 10);
      upsertPolicyItem(doc, item('A-1', { name: '技术改造设备补助' }), 'u-liuyang', 10);
    });
    expect(store.items().map((i) => i.code)).toEqual(['A-1', 'B-2']);
    const before = store.items();
    store.change((doc) => upsertPolicyItem(doc, item('A-1', { name: '技术改造设备补助' }), 'u-liuyang', 20));
    expect(store.items()).toBe(before); // unchanged: same array, memos do not rerun
    store.change((doc) => setPolicyWithdrawn(doc, 'A-1', true, 'u-liuyang', 30));
    expect(store.items().find((i) => i.code === 'A-1')!.withdrawn).toBe(true);
    dispose();
    await docs.flushAll?.();
    await new Promise((r) => setTimeout(r, 50));

    const again = createRoot(() => createPolicyStore(new DocStore({ db, sync: noSync }), keysFor));
    await until(again.ready);
    expect(again.items().map((i) => [i.code, i.withdrawn])).toEqual([['A-1', true], ['B-2', false]]);
    await until(() => again.search('gxjs').length === 1);
    expect(again.search('gxjs')[0]!.code).toBe('B-2');
    again.dispose();
  });

  it('only coordinators and admins edit', () => {
    const who = (role: string) => ({ role }) as never;
    expect(mayEditPolicies(who('coordinator'))).toBe(true);
    expect(mayEditPolicies(who('admin'))).toBe(true);
    expect(mayEditPolicies(who('commissioner'))).toBe(false);
    expect(mayEditPolicies(who('handler'))).toBe(false);
    expect(mayEditPolicies(null)).toBe(false);
  });
});

describe('policy search', () => {
  const items = [
    full(item('P1', { name: '规上工业企业稳增长奖励', document: '关于支持工业经济高质量发展的若干措施', department: '工信局', benefit: '最高奖励50万元' })),
    full(item('P2', { name: '创业担保贷款贴息', document: '就业创业扶持办法', department: '人社局', benefit: '贴息' })),
    full(item('P3', { name: '人才公寓租金补贴', document: '人才新政', department: '人社局', benefit: '每月补贴' })),
  ];
  const ready = async () => {
    let changed = 0;
    const s = new PolicySearch(keysFor, () => changed++);
    s.setItems(items);
    await until(() => changed > 0);
    return s;
  };

  it('finds by 汉字, full pinyin and initials in the name, document, department and benefit', async () => {
    const s = await ready();
    expect(s.search('').map((i) => i.code)).toEqual(['P1', 'P2', 'P3']);
    expect(s.search('贴息').map((i) => i.code)).toEqual(['P2']);
    expect(s.search('cydb').map((i) => i.code)).toEqual(['P2']);
    expect(s.search('rencai').map((i) => i.code)).toEqual(['P3']);
    expect(s.search('gxj').map((i) => i.code)).toEqual(['P1']); // department 工信局
    expect(s.search('50万').map((i) => i.code)).toEqual(['P1']); // benefit
    expect(s.search('zzz')).toEqual([]);
  });

  it('an item whose name matches ranks before one matched only in another field', async () => {
    const s = await ready();
    // 人社局 is P2's and P3's department; 人才 is P3's name
    expect(s.search('人').map((i) => i.code)).toEqual(['P3', 'P2']);
  });

  it('汉字 search works before the keys arrive; pinyin once they do', async () => {
    let resolve: (k: string[]) => void = () => {};
    let changed = 0;
    const s = new PolicySearch((names) => new Promise((r) => (resolve = (k) => r(k.length ? k : names.map(buildSearchKeys)))), () => changed++);
    s.setItems(items);
    expect(s.search('贴息').map((i) => i.code)).toEqual(['P2']);
    expect(s.search('cydb')).toEqual([]);
    resolve([]);
    await until(() => changed > 0);
    expect(s.search('cydb').map((i) => i.code)).toEqual(['P2']);
  });

  it('rebuilding the index for 1,000 items stays well under a frame budget on the main thread', async () => {
    const many = Array.from({ length: 1000 }, (_, i) =>
      full(item(`X${String(i).padStart(4, '0')}`, { name: `第${i}号企业技术改造设备补助事项`, document: '关于推动制造业高质量发展的若干政策', department: ['工信局', '科技局', '人社局'][i % 3]!, benefit: `最高奖励${i}万元` })),
    );
    let changed = 0;
    const s = new PolicySearch(keysFor, () => changed++);
    s.setItems(many);
    await until(() => changed > 0);
    const started = performance.now();
    s.setItems([...many]);
    const ms = performance.now() - started;
    console.log(`[policies] index rebuild for 1,000 items: ${ms.toFixed(1)} ms; search 'jsgz': ${s.search('jsgz').length} hits`);
    expect(s.lastMs).toBeLessThan(200);
  });
});
