/**
 * People and teams (the org), as both the relay and the app see them. Accounts themselves (password
 * hashes, refresh tokens) never leave the relay; this is the part every signed-in device may cache.
 */

export const ROLES = ['commissioner', 'team-lead', 'handler', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const TEAM_KINDS = ['industry', 'town'] as const;
/** 专项服务队 (by industry) or 街镇服务队 (by town). */
export type TeamKind = (typeof TEAM_KINDS)[number];

export interface OrgUser {
  id: string;
  /** login name, unique, lower-case ASCII */
  username: string;
  /** display name (Chinese) */
  name: string;
  role: Role;
  /** teams the user belongs to (a team lead belongs to the teams they lead) */
  teamIds: string[];
  /** 承办部门 of a department handler (e.g. 人社局), '' otherwise */
  department: string;
  /** a disabled user cannot sign in; their tokens stop working at once */
  disabled: boolean;
  /** only sent to admins (PIPL: staff phone numbers are personal data too) */
  phone?: string;
}

export interface Team {
  id: string;
  name: string;
  kind: TeamKind;
  /** the industry (专项服务队) or town (街镇服务队) the team serves */
  scope: string;
  /** the 队长, null while the team has none */
  leadId: string | null;
}

export interface Org {
  users: OrgUser[];
  teams: Team[];
  /** increases on every change of users or teams; devices cache the org with it */
  version: number;
}

/** Who is acting, as the relay derives it from a verified token and the current org. */
export interface Principal {
  userId: string;
  name: string;
  role: Role;
  teamIds: readonly string[];
  /** teams this user leads */
  ledTeamIds: readonly string[];
  /** the device the token was issued to ('' when unknown) */
  deviceId: string;
  /** 承办部门 of a department handler ('' otherwise): which demands they see */
  department: string;
}

/** The principal of `userId` in `org`, or null when the user does not exist or is disabled. */
export function principalFor(org: Pick<Org, 'users' | 'teams'>, userId: string, deviceId = ''): Principal | null {
  const user = org.users.find((u) => u.id === userId);
  if (!user || user.disabled) return null;
  return {
    userId: user.id,
    name: user.name,
    role: user.role,
    teamIds: user.teamIds,
    ledTeamIds: org.teams.filter((t) => t.leadId === user.id).map((t) => t.id),
    deviceId,
    department: user.department,
  };
}

/** Roles that see and sync every enterprise of the district. */
export function seesWholeDistrict(role: Role): boolean {
  return role === 'coordinator' || role === 'admin';
}

/** Users a team lead may make responsible for an enterprise of `teamId`: active commissioners or leads in the team. */
export function assignableUsers(org: Pick<Org, 'users'>, teamId: string): OrgUser[] {
  return org.users.filter(
    (u) => !u.disabled && u.teamIds.includes(teamId) && (u.role === 'commissioner' || u.role === 'team-lead'),
  );
}
