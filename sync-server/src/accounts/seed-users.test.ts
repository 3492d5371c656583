import { DEMO_PASSWORD, DEMO_TEAMS, DEMO_USERS } from '@bangqi/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyPassword } from './passwords.ts';
import { seedUsersIfEmpty } from './seed-users.ts';
import { openSqliteAccountStore } from './sqlite-store.ts';

const log = pino({ level: 'silent' });
const dirs: string[] = [];
function store() {
  const dir = mkdtempSync(join(tmpdir(), 'bangqi-seed-'));
  dirs.push(dir);
  return openSqliteAccountStore(dir);
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('seedUsersIfEmpty', () => {
  it('creates the demo teams and one account per role, once', async () => {
    const s = store();
    expect(await seedUsersIfEmpty(s, { seedDemo: true, adminPassword: '' }, log)).toBe('demo');
    const users = await s.listUsers();
    expect(users.map((u) => u.username)).toEqual(DEMO_USERS.map((u) => u.username));
    expect(new Set(users.map((u) => u.role)).size).toBe(5);
    expect(await verifyPassword(users[0]!.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(await s.listTeams()).toEqual(DEMO_TEAMS);
    expect(await seedUsersIfEmpty(s, { seedDemo: true, adminPassword: '' }, log)).toBeNull();
    expect(await s.listUsers()).toHaveLength(DEMO_USERS.length);
    await s.close();
  });

  it('finishes a seeding that died after the teams', async () => {
    const s = store();
    await s.createTeam({ ...DEMO_TEAMS[0] });
    expect(await seedUsersIfEmpty(s, { seedDemo: 'users', adminPassword: '' }, log)).toBe('demo');
    expect(await s.listTeams()).toHaveLength(DEMO_TEAMS.length);
    expect(await s.listUsers()).toHaveLength(DEMO_USERS.length);
    await s.close();
  });

  it('ADMIN_PASSWORD creates only admin, whatever SEED_DEMO says', async () => {
    const s = store();
    expect(await seedUsersIfEmpty(s, { seedDemo: true, adminPassword: 'district-admin-1' }, log)).toBe('admin');
    const users = await s.listUsers();
    expect(users.map((u) => [u.username, u.role])).toEqual([['admin', 'admin']]);
    expect(await verifyPassword(users[0]!.passwordHash, 'district-admin-1')).toBe(true);
    expect(await s.listTeams()).toEqual([]);
    await s.close();
  });

  it('refuses a weak ADMIN_PASSWORD and seeds nothing with SEED_DEMO=0', async () => {
    const s = store();
    await expect(seedUsersIfEmpty(s, { seedDemo: false, adminPassword: '12345678' }, log)).rejects.toThrow('ADMIN_PASSWORD must not be all digits');
    expect(await seedUsersIfEmpty(s, { seedDemo: false, adminPassword: '' }, log)).toBeNull();
    expect(await s.listUsers()).toEqual([]);
    await s.close();
  });
});
