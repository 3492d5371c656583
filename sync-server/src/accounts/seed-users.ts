/**
 * First start: accounts for an empty user table. ADMIN_PASSWORD creates only `admin` (production
 * bootstrap: the admin then creates the real teams and users); otherwise, unless seeding is off, the
 * demo district's teams and one account per role, all with DEMO_PASSWORD.
 */
import { DEMO_PASSWORD, DEMO_TEAMS, DEMO_USERS } from '@bangqi/shared';
import type { RelayConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import type { AccountStore, StoredUser } from './types.ts';

export type SeededAccounts = 'demo' | 'admin' | null;

export async function seedUsersIfEmpty(
  store: AccountStore,
  config: Pick<RelayConfig, 'seedDemo' | 'adminPassword'>,
  log: Logger,
): Promise<SeededAccounts> {
  if ((await store.listUsers()).length > 0) return null;
  const now = Date.now();
  const account = (user: Omit<StoredUser, 'disabled' | 'passwordHash' | 'createdAt' | 'updatedAt'>, passwordHash: string): StoredUser => ({
    ...user,
    teamIds: [...user.teamIds],
    disabled: false,
    passwordHash,
    createdAt: now,
    updatedAt: now,
  });

  if (config.adminPassword) {
    const problem = passwordProblem(config.adminPassword, 'ADMIN_PASSWORD');
    if (problem) throw new Error(problem);
    const admin = DEMO_USERS.find((u) => u.role === 'admin')!;
    await store.createUser(account(admin, await hashPassword(config.adminPassword)));
    log.info({ username: admin.username }, 'created the admin account from ADMIN_PASSWORD');
    return 'admin';
  }
  if (!config.seedDemo) return null;

  const started = performance.now();
  // a salt per account, as for any other password
  const hashes = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)));
  // teams first, skipping any a start that died halfway already wrote: "no users yet" is what triggers seeding
  const existingTeams = new Set((await store.listTeams()).map((t) => t.id));
  for (const team of DEMO_TEAMS) if (!existingTeams.has(team.id)) await store.createTeam({ ...team });
  for (const [i, user] of DEMO_USERS.entries()) await store.createUser(account(user, hashes[i]!));
  log.info({ users: DEMO_USERS.length, teams: DEMO_TEAMS.length, ms: Math.round(performance.now() - started) }, 'seeded demo accounts');
  return 'demo';
}
