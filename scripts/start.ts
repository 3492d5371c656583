// `npm start`: build the web app if it is missing or older than its sources, then run the relay,
// which serves the app and the sync endpoints on one port. Prints the demo logins once it listens.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DEMO_USERS } from '../shared/src/demo/district.ts';

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

createInterface({ input: relay.stdout }).on('line', (line) => {
  process.stdout.write(line + '\n');
  let entry: { msg?: string; port?: number; dataDir?: string };
  try {
    entry = JSON.parse(line);
  } catch {
    return;
  }
  if (entry.msg !== 'listening') return;
  const url = `http://localhost:${entry.port}`;
  console.log(`\n帮企通 已启动: ${url}`);
  console.log(`数据目录 DATA_DIR: ${entry.dataDir ?? process.env.DATA_DIR ?? './data'}`);
  console.log('演示账号（首次打开时在“我是谁”中选择；账号与密码登录随账号功能上线）:');
  for (const u of DEMO_USERS) console.log(`  ${u.name}（${u.role}）`);
  console.log('按 Ctrl+C 停止。\n');
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => relay.kill(signal));
relay.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
