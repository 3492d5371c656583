// `npm start`: build the web app if it is missing or older than its sources, then run the relay,
// which serves the app and the sync endpoints on one port. Prints the demo logins once it listens.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, DEMO_USERS } from '../shared/src/demo/district.ts';
import type { Role } from '../shared/src/org/org.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const builtIndex = join(root, 'dist/web/index.html');

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

const sources = ['web', 'shared/src', 'vite.config.ts'].map((p) => join(root, p));
const needsBuild = !existsSync(builtIndex) || Math.max(...sources.map(newestMtime)) > statSync(builtIndex).mtimeMs;
if (needsBuild) {
  console.log('[start] 构建前端 (vite build)…');
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const relay = spawn(join(root, 'node_modules/.bin/tsx'), [join(root, 'sync-server/src/main.ts')], {
  cwd: root,
  env: process.env,
  stdio: ['ignore', 'pipe', 'inherit'],
});

const ROLE_NAMES: Record<Role, string> = {
  commissioner: '服务专员',
  'team-lead': '服务队队长',
  handler: '承办部门',
  coordinator: '营转办',
  admin: '系统管理员',
};

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const rawLogs = process.env.LOG_FORMAT === 'json';

/** One readable line per pino entry (LOG_FORMAT=json passes the JSON through for log collectors). */
function formatLog(entry: Record<string, unknown>): string {
  const { level, time, msg, name: _name, pid: _pid, hostname: _host, ...fields } = entry;
  const clock = new Date(Number(time)).toTimeString().slice(0, 8);
  const extra = Object.entries(fields)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${clock} ${(LEVELS[Number(level)] ?? String(level)).padEnd(5)} ${String(msg)}${extra ? `  ${extra}` : ''}`;
}

createInterface({ input: relay.stdout! }).on('line', (line) => {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    process.stdout.write(line + '\n');
    return;
  }
  process.stdout.write((rawLogs ? line : formatLog(entry)) + '\n');
  if (entry.msg !== 'listening') return;
  console.log(`\n帮企通 已启动: http://localhost:${String(entry.port)}`);
  console.log(`数据目录 DATA_DIR: ${String(entry.dataDir)}`);
  if (Number(entry.demoAccounts) > 0) {
    console.log(`演示账号（密码均为 ${DEMO_PASSWORD}）:`);
    for (const u of DEMO_USERS) console.log(`  ${u.username.padEnd(10)} ${u.name}  ${ROLE_NAMES[u.role]}`);
  }
  console.log('按 Ctrl+C 停止。\n');
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => relay.kill(signal));
relay.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
