/**
 * The admin forms' checks, mirroring the relay's (sync-server/src/http/validate.ts) so a mistake is
 * shown in Chinese next to its field before anything is sent. The relay still checks everything.
 */
import type { Role, TeamKind } from '@bangqi/shared';
import { fieldProblems as p } from './strings.ts';

export interface UserForm {
  name: string;
  username: string;
  phone: string;
  role: Role;
  teamIds: string[];
  department: string;
  password: string;
}

export interface TeamForm {
  name: string;
  kind: TeamKind;
  scope: string;
  leadId: string;
}

export type Problems<F> = Partial<Record<keyof F, string>>;

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;
const PHONE = /^1\d{10}$/;

/** `creating`: a new user needs a username and a password; an edit may leave the password empty. */
export function userProblems(f: UserForm, creating: boolean): Problems<UserForm> {
  const out: Problems<UserForm> = {};
  const name = f.name.trim();
  if (name === '') out.name = p.nameRequired;
  else if (name.length > 40) out.name = p.nameTooLong;
  if (creating && !USERNAME.test(f.username.trim().toLowerCase())) out.username = p.usernameFormat;
  if (f.phone.trim() !== '' && !PHONE.test(f.phone.trim())) out.phone = p.phoneFormat;
  if (f.role === 'handler' && f.department.trim() === '') out.department = p.departmentRequired;
  if (creating || f.password !== '') {
    if (f.password.length < 8) out.password = p.passwordShort;
    else if (/^\d+$/.test(f.password)) out.password = p.passwordDigits;
  }
  return out;
}

export function teamProblems(f: TeamForm): Problems<TeamForm> {
  const out: Problems<TeamForm> = {};
  if (f.name.trim() === '') out.name = p.teamNameRequired;
  if (f.scope.trim() === '') out.scope = p.scopeRequired;
  return out;
}
