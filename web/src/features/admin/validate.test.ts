import { describe, expect, it } from 'vitest';
import { auditQuery, EMPTY_AUDIT_FILTER } from '../../state/admin.ts';
import { fieldProblems } from './strings.ts';
import { teamProblems, userProblems, type UserForm } from './validate.ts';

const form = (f: Partial<UserForm>): UserForm => ({
  name: '周芳', username: 'zhoufang', phone: '', role: 'commissioner', teamIds: [], department: '', password: 'fangzhou2026', ...f,
});

describe('admin form checks (the relay rules, in Chinese)', () => {
  it('accepts a valid new user, and names each bad field', () => {
    expect(userProblems(form({}), true)).toEqual({});
    expect(userProblems(form({ name: ' ', username: 'Zhou Fang', phone: '12345', password: '12345678' }), true)).toEqual({
      name: fieldProblems.nameRequired,
      username: fieldProblems.usernameFormat,
      phone: fieldProblems.phoneFormat,
      password: fieldProblems.passwordDigits,
    });
    expect(userProblems(form({ password: 'short' }), true).password).toBe(fieldProblems.passwordShort);
    expect(userProblems(form({ role: 'handler' }), true).department).toBe(fieldProblems.departmentRequired);
  });
  it('an edit may keep the password (empty) but a new one must still be valid', () => {
    expect(userProblems(form({ password: '' }), false)).toEqual({});
    expect(userProblems(form({ password: '1234' }), false).password).toBe(fieldProblems.passwordShort);
    expect(userProblems(form({ password: '' }), true).password).toBe(fieldProblems.passwordShort);
  });
  it('a team needs a name and a scope', () => {
    expect(teamProblems({ name: '', kind: 'town', scope: '', leadId: '' })).toEqual({
      name: fieldProblems.teamNameRequired,
      scope: fieldProblems.scopeRequired,
    });
  });
});

describe('auditQuery', () => {
  it('sends only the filters given, and a day range covering both whole days', () => {
    expect(auditQuery(EMPTY_AUDIT_FILTER)).toBe('');
    const q = new URLSearchParams(
      auditQuery({ actor: 'u-admin', action: 'login', docId: ' ', fromDay: '2026-11-24', toDay: '2026-11-24' }, { before: 120, limit: 50 }),
    );
    expect(q.get('actor')).toBe('u-admin');
    expect(q.get('action')).toBe('login');
    expect(q.has('docId')).toBe(false);
    const from = Number(q.get('from'));
    const to = Number(q.get('to'));
    expect(new Date(from).getHours()).toBe(0);
    expect(to - from).toBe(24 * 3600 * 1000 - 1);
    expect(q.get('before')).toBe('120');
    expect(q.get('limit')).toBe('50');
  });
});
