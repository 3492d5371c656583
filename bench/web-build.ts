/**
 * The built web app the benchmark's relay serves: STATIC_DIR when given (a build made elsewhere), else
 * dist/web, rebuilt first (`vite build`, as `npm start` does) when missing or older than its sources.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../test/support/relay-process.ts';

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) {
    if (entry !== 'node_modules') newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function ensureWebBuild(): string {
  if (process.env.STATIC_DIR) return process.env.STATIC_DIR;
  const outDir = join(REPO_ROOT, 'dist/web');
  const index = join(outDir, 'index.html');
  const sources = ['web', 'shared/src', 'vite.config.ts'].map((p) => join(REPO_ROOT, p));
  if (!existsSync(index) || Math.max(...sources.map(newestMtime)) > statSync(index).mtimeMs) {
    console.log('building the web app (vite build)…');
    const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`vite build exited with ${result.status}`);
  }
  return outDir;
}
