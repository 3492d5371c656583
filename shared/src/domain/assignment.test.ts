import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { assignEnterprise, readAssignment, readAssignmentHistory, readStrategy, setStrategy } from './assignment.ts';
import { createEnterprise, materializeEnterprise } from './enterprise.ts';

describe('assignment in the enterprise doc', () => {
  it('records every reassignment with who, when, from, to and why', () => {
    const doc = new Y.Doc();
    createEnterprise(doc, { name: '恒泰新材料有限公司' }, 'u-a', 1);
    assignEnterprise(doc, { teamId: 't-equip', responsibleId: 'u-zhangwei' }, 'u-wangqiang', 10);
    assignEnterprise(doc, { teamId: 't-equip', responsibleId: 'u-zhangwei' }, 'u-wangqiang', 11); // no-op
    assignEnterprise(doc, { teamId: 't-equip', responsibleId: 'u-lina', reason: '张伟调岗' }, 'u-wangqiang', 20);
    expect(readAssignment(doc)).toEqual({ teamId: 't-equip', responsibleId: 'u-lina', assignedAt: 20, assignedBy: 'u-wangqiang' });
    const history = readAssignmentHistory(doc);
    expect(history).toHaveLength(2);
    expect(history[1]).toEqual({
      at: 20, by: 'u-wangqiang', teamId: 't-equip', responsibleId: 'u-lina',
      previousTeamId: 't-equip', previousResponsibleId: 'u-zhangwei', reason: '张伟调岗',
    });
    expect(materializeEnterprise('ent-x', doc)).toMatchObject({ teamId: 't-equip', responsibleId: 'u-lina', assignedAt: 20 });
  });

  it('merges concurrent strategy edits character by character', () => {
    const a = new Y.Doc();
    setStrategy(a, '季度走访。');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setStrategy(a, '重点培育；季度走访。');
    setStrategy(b, '季度走访。协助申报专精特新。');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readStrategy(a)).toBe('重点培育；季度走访。协助申报专精特新。');
    expect(readStrategy(b)).toBe(readStrategy(a));
  });

  it('reads an unassigned file as empty strings', () => {
    const doc = new Y.Doc();
    createEnterprise(doc, { name: 'x' }, 'u', 1);
    expect(materializeEnterprise('ent-y', doc)).toMatchObject({ teamId: '', responsibleId: '', assignedAt: 0 });
  });
});
