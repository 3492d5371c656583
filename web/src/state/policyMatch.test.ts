import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addContactRecord, createEnterprise, readPolicyEvents, recordPolicyStatus, type EnterpriseRow, type PolicyItem, type Principal } from '@bangqi/shared';
import { testItem } from '../../../shared/src/policies/testItems.ts';
import { AppDb } from '../storage/db.ts';
import { DocStore } from '../domain/docStore.ts';
import { createRoot } from 'solid-js';
import { createFileVisits, draftToInput, newDraft } from './visits.ts';
import { closingForUser, contactsFromStore, docPolicyStatuses, fileMatches, itemEnterprises, rowPolicyStatuses, scopeRows, scopesFor } from './policyMatch.ts';
import { pushSheetRows } from '../features/policies/push/pushSheet.ts';

const TODAY = '2026-06-01';
const item = (over: Partial<PolicyItem>): PolicyItem => ({ ...testItem(over), updatedAt: 1, updatedBy: 'u-admin', ...over });
function row(id: string, over: Partial<EnterpriseRow> = {}): EnterpriseRow {
  return {
    id, name: id, uscc: '', town: '', industry: '', tags: [], note: '', createdAt: 0, updatedAt: 0, updatedBy: '',
    teamId: '', responsibleId: '', assignedAt: 0, formerNames: [], legalRep: '', address: '', park: '', scale: '',
    employees: null, lat: null, lng: null, licences: [], contactsCount: 0, lastVisitAt: 0, visits: [], plans: [], policies: {}, establishedOn: '',
    ...over,
  };
}
const principal = (over: Partial<Principal>): Principal => ({ userId: 'u1', name: '', role: 'commissioner', teamIds: ['t1'], ledTeamIds: [], deviceId: '', department: '', ...over });

const items = [
  item({ code: 'A-1', name: '规上奖励', conditions: [{ field: 'scale', op: 'eq', value: '规上' }] }),
  item({ code: 'A-2', name: '免申稳岗', mode: '免申即享', conditions: [{ field: 'employees', op: 'gte', value: 10 }] }),
  item({ code: 'A-3', name: '老企业', conditions: [{ field: 'establishedOn', op: 'before', value: '2015-01-01' }] }),
  item({ code: 'A-4', name: '城关规上', conditions: [{ field: 'town', op: 'in', values: ['城关街道'] }, { field: 'scale', op: 'eq', value: '规上' }] }),
  item({ code: 'A-5', name: '已过期', effectiveTo: '2026-01-01' }),
  item({ code: 'A-6', name: '农业', conditions: [{ field: 'industry', op: 'in', values: ['农业'] }, { field: 'town', op: 'in', values: ['城关街道'] }] }),
];

describe('file matches', () => {
  it('groups eligible 免申即享 apart, names the unmet condition of nearly, the missing facts of unknown; expired and ineligible dropped', () => {
    const g = fileMatches(items, row('e', { scale: '规上', employees: 50, town: '柳林镇', industry: '制造' }), TODAY);
    expect(g.automatic.map((m) => m.item.code)).toEqual(['A-2']);
    expect(g.eligible.map((m) => m.item.code)).toEqual(['A-1']);
    expect(g.nearly.map((m) => m.item.code)).toEqual(['A-4']);
    expect(g.nearly[0]!.result.unmet).toEqual([{ field: 'town', op: 'in', values: ['城关街道'] }]);
    expect(g.unknown.map((m) => m.item.code)).toEqual(['A-3']);
    expect(g.unknown[0]!.result.unknown[0]!.field).toBe('establishedOn');
  });

  it('a known 成立日期 turns unknown into eligible', () => {
    const g = fileMatches(items, row('e', { establishedOn: '2010-05-01' }), TODAY);
    expect(g.eligible.map((m) => m.item.code)).toContain('A-3');
  });
});

describe('scopes', () => {
  const rows = [row('a', { responsibleId: 'u1', teamId: 't1' }), row('b', { responsibleId: 'u2', teamId: 't1' }), row('c', { responsibleId: 'u3', teamId: 't2' })];
  it('commissioners see their portfolio, leads their teams, coordinators the district', () => {
    expect(scopesFor(principal({}))).toEqual(['mine']);
    expect(scopesFor(principal({ role: 'team-lead', ledTeamIds: ['t1'] }))).toEqual(['mine', 'team']);
    expect(scopesFor(principal({ role: 'coordinator', teamIds: [] }))).toEqual(['mine', 'team', 'district']);
    expect(scopesFor(principal({ role: 'handler' as Principal['role'] }))).toEqual([]);
    expect(scopeRows(rows, principal({}), 'mine').map((r) => r.id)).toEqual(['a']);
    expect(scopeRows(rows, principal({ ledTeamIds: ['t1'] }), 'team').map((r) => r.id)).toEqual(['a', 'b']);
    expect(scopeRows(rows, principal({}), 'district').map((r) => r.id)).toEqual(['a', 'b', 'c']);
  });

  it('lists an item\'s enterprises by verdict with the reason, sorted by name', () => {
    const r = itemEnterprises(items[3]!, [row('x', { name: '乙', town: '城关街道', scale: '规上' }), row('y', { name: '甲', town: '城关街道', scale: '规上' }), row('z', { town: '柳林镇', scale: '规上' }), row('w', { scale: '规上' })], TODAY);
    expect(r.eligible.map((e) => e.name)).toEqual(['甲', '乙']);
    expect(r.nearly.map((n) => [n.row.id, n.unmet.field])).toEqual([['z', 'town']]);
    expect(r.unknown.map((n) => n.row.id)).toEqual(['w']);
  });
});

describe('statuses and reminders', () => {
  it('reads the current status from the doc and from rows (missing → none)', () => {
    const doc = new Y.Doc();
    recordPolicyStatus(doc, { code: 'A-1', status: '已告知', amount: '', date: '', note: '', visitId: 'v1' }, 'u1', 100);
    recordPolicyStatus(doc, { code: 'A-1', status: '已兑现', amount: '20万元', date: '2026-05-30', note: '', visitId: '' }, 'u1', 50);
    expect(docPolicyStatuses(doc)['A-1']).toMatchObject({ status: '已兑现', amount: '20万元' });
    expect(rowPolicyStatuses({})).toEqual({});
  });

  it('申报截止: my qualifying enterprises without 已申报 for items closing within 30 days', () => {
    const closing = [item({ code: 'C-1', applyTo: '2026-06-10', conditions: [{ field: 'scale', op: 'eq', value: '规上' }] }), item({ code: 'C-2', applyTo: '2026-08-10' })];
    const rows = [
      row('a', { responsibleId: 'u1', scale: '规上' }),
      row('b', { responsibleId: 'u1', scale: '规上', policies: { 'C-1': { status: '已申报', at: 1, amount: '' } } }),
      row('c', { responsibleId: 'u2', scale: '规上' }),
      row('d', { responsibleId: 'u1', scale: '规下' }),
    ];
    expect(closingForUser(closing, rows, principal({}), TODAY).map((x) => [x.row.id, x.item.code, x.daysLeft])).toEqual([['a', 'C-1', 9]]);
    expect(closingForUser(closing, rows, principal({ role: 'coordinator' }), TODAY).map((x) => x.row.id)).toEqual(['a', 'c']);
    expect(closingForUser(closing, rows, null, TODAY)).toEqual([]);
  });
});

describe('push list', () => {
  it('reads contacts from stored updates with progress, and writes neutralised rows with the first phone', async () => {
    const db = new AppDb(`test-policy-match-${Date.now()}`);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const doc = new Y.Doc();
      const id = `ent-${i}`;
      ids.push(id);
      if (i !== 3) addContactRecord(doc, { name: i === 0 ? '=HYPERLINK("x")' : `联系人${i}`, role: '经理', phone: '' });
      if (i !== 3) addContactRecord(doc, { name: `电话人${i}`, role: '', phone: `1380000000${i}` });
      await db.updates.add({ docId: id, update: Y.encodeStateAsUpdate(doc) });
    }
    const seen: [number, number][] = [];
    const contacts = await contactsFromStore(db, ids, (d, t) => seen.push([d, t]), 2);
    expect(seen).toEqual([[2, 5], [4, 5], [5, 5]]);
    expect(contacts.get('ent-3')).toEqual([]);
    const sheet = pushSheetRows('A-1', ids.map((id) => row(id, { name: id === 'ent-1' ? '+1 公司' : id, responsibleId: 'u1', policies: { 'A-1': { status: '已告知', at: 1, amount: '' } } })), contacts, () => '张伟');
    expect(sheet).toHaveLength(6);
    expect(sheet[1]!.slice(5, 10)).toEqual(['电话人0', '', '13800000000', `'=HYPERLINK("x") 经理`, '已告知']);
    expect(sheet[2]![0]).toBe("'+1 公司");
    expect(sheet[4]!.slice(5, 8)).toEqual(['', '', '']);
    db.close();
  });
});

describe('policies explained at a visit', () => {
  it('saving the visit records 已告知 with its id in the same update; an edit only for the items it adds', async () => {
    const db = new AppDb(`test-policy-visit-${Date.now()}`);
    const docs = new DocStore({ db, sync: { outboxChanged: () => {}, attach: () => ({ awareness: null as never, onPresence: () => () => {}, detach: () => {} }) } });
    const h = docs.acquire('ent-p1');
    await h.ready;
    createEnterprise(h.doc, { name: '临河精工' }, 'u-a', 1_000);
    let updates = 0;
    h.doc.on('update', () => updates++);
    await new Promise<void>((resolve, reject) =>
      createRoot(async (dispose) => {
        try {
          const fv = createFileVisits(docs, 'ent-p1', () => 'u-a');
          const id = fv.add(draftToInput({ ...newDraft('ent-p1', 'u-a', Date.now()), purpose: '宣讲政策', policyCodes: ['A-1', 'A-2'] }));
          expect(updates).toBe(1);
          // One write: the events share a time, so their order is by random id — compare by code.
          expect(readPolicyEvents(h.doc).map((e) => [e.code, e.status, e.visitId, e.by]).sort()).toEqual([['A-1', '已告知', id, 'u-a'], ['A-2', '已告知', id, 'u-a']]);
          expect(fv.update(id, { policyCodes: ['A-1', 'A-2', 'A-3'] })).toBe(true);
          expect(readPolicyEvents(h.doc).map((e) => e.code).sort()).toEqual(['A-1', 'A-2', 'A-3']);
          await fv.flush();
          const row = await db.enterprises.get('ent-p1');
          expect(Object.keys(rowPolicyStatuses(row!)).sort()).toEqual(['A-1', 'A-2', 'A-3']);
          resolve();
        } catch (err) {
          reject(err as Error);
        } finally {
          dispose();
        }
      }),
    );
    h.release();
    db.close();
  });
});
