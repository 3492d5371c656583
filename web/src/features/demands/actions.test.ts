import { describe, expect, it } from 'vitest';
import { departmentChoices, parseDepartments, validateAction, type ActionDraft } from './actions.ts';
import { d } from './strings.ts';

const draft = (over: Partial<ActionDraft> = {}): ActionDraft => ({ departments: [], other: '', note: '', satisfaction: '', days: '', ...over });
const coordinator = { department: '', maxExtensionDays: 30 };
const handler = { department: '人社局', maxExtensionDays: 30 };

describe('parseDepartments', () => {
  it('splits on Chinese and ASCII separators, trims and de-duplicates', () => {
    expect(parseDepartments(' 税务局、自然资源局，税务局; 市场监管局  住建局 ')).toEqual(['税务局', '自然资源局', '市场监管局', '住建局']);
    expect(parseDepartments('   ')).toEqual([]);
  });
});

describe('departmentChoices', () => {
  it('offers the departments of active handlers plus those already dispatched, sorted', () => {
    const users = [
      { role: 'handler' as const, department: '人社局', disabled: false },
      { role: 'handler' as const, department: '税务局', disabled: true },
      { role: 'commissioner' as const, department: '', disabled: false },
      { role: 'handler' as const, department: '人社局', disabled: false },
    ];
    expect(departmentChoices(users, ['自然资源局'])).toEqual(['人社局', '自然资源局'].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  });
});

describe('validateAction', () => {
  it('交办 needs at least one department, picked or typed', () => {
    expect(validateAction('dispatch', draft(), coordinator)).toEqual({ error: d.dispatchRequired });
    expect(validateAction('dispatch', draft({ departments: ['人社局'], other: '税务局、人社局', note: ' 请尽快 ' }), coordinator)).toEqual({
      input: { type: 'dispatch', departments: ['人社局', '税务局'], note: '请尽快' },
    });
  });

  it('办理 and 办结 need a note and carry the handler’s department', () => {
    expect(validateAction('progress', draft({ note: '  ' }), handler)).toEqual({ error: d.progressRequired });
    expect(validateAction('progress', draft({ note: '已联系企业' }), handler)).toEqual({ input: { type: 'progress', department: '人社局', note: '已联系企业' } });
    expect(validateAction('resolve', draft(), handler)).toEqual({ error: d.resolveRequired });
    expect(validateAction('resolve', draft({ note: '已发放补贴' }), coordinator)).toEqual({ input: { type: 'resolve', department: '', note: '已发放补贴' } });
  });

  it('回访 needs a satisfaction, and a reason when 不满意', () => {
    expect(validateAction('callback', draft({ note: '好' }), coordinator)).toEqual({ error: d.satisfactionRequired });
    expect(validateAction('callback', draft({ satisfaction: '不满意' }), coordinator)).toEqual({ error: d.commentRequired });
    expect(validateAction('callback', draft({ satisfaction: '不满意', note: '补贴未到账' }), coordinator)).toEqual({
      input: { type: 'callback', satisfaction: '不满意', comment: '补贴未到账' },
    });
    expect(validateAction('callback', draft({ satisfaction: '满意' }), coordinator)).toEqual({ input: { type: 'callback', satisfaction: '满意', comment: '' } });
  });

  it('销号 takes an optional note; 退回 and 督办 need one', () => {
    expect(validateAction('close', draft(), coordinator)).toEqual({ input: { type: 'close', note: '' } });
    expect(validateAction('reject', draft(), coordinator)).toEqual({ error: d.rejectRequired });
    expect(validateAction('escalate', draft(), coordinator)).toEqual({ error: d.instructionRequired });
    expect(validateAction('escalate', draft({ note: '三日内办结' }), coordinator)).toEqual({
      input: { type: 'escalate', instruction: '三日内办结', automatic: false },
    });
  });

  it('申请延期: whole working days within the district maximum, with a reason', () => {
    for (const days of ['', '0', '2.5', '31', 'abc']) expect(validateAction('extend-request', draft({ days, note: '材料待补' }), handler)).toEqual({ error: d.extendDaysInvalid(30) });
    expect(validateAction('extend-request', draft({ days: '10' }), handler)).toEqual({ error: d.extendReasonRequired });
    expect(validateAction('extend-request', draft({ days: '1', note: '材料待补' }), { ...handler, maxExtensionDays: 0 })).toEqual({ error: d.extendExhausted });
    expect(validateAction('extend-request', draft({ days: ' 10 ', note: '材料待补' }), handler)).toEqual({
      input: { type: 'extend-request', workingDays: 10, reason: '材料待补' },
    });
  });
});
