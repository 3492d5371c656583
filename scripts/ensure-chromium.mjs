#!/usr/bin/env node
// Browser tests need a real Chromium. Use CHROMIUM_PATH or /usr/bin/chromium; if it is missing, install
// Debian's `chromium` (and a CJK font, so screenshots show Chinese instead of boxes) when we are root
// with apt-get; otherwise fail loudly. Never skip the browser tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');

function hasCjkFont() {
  const out = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return out.status === 0 && out.stdout.trim().length > 0;
}

function aptInstall(packages) {
  console.log(`[ensure-chromium] apt-get install ${packages.join(' ')} …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
}

const missing = [];
if (!existsSync(chromium)) missing.push('chromium');
if (!hasCjkFont()) missing.push('fonts-wqy-microhei');

if (missing.length > 0) {
  if (!isRoot || !hasApt) {
    if (missing.includes('chromium')) {
      console.error(
        `[ensure-chromium] Chromium not found at ${chromium}. Browser tests cannot run.\n` +
          `Install it (Debian/Ubuntu: sudo apt-get install chromium fonts-wqy-microhei) or set CHROMIUM_PATH.`,
      );
      process.exit(1);
    }
    console.warn('[ensure-chromium] no CJK font: screenshots will show boxes (apt-get install fonts-wqy-microhei).');
  } else {
    try {
      aptInstall(missing);
    } catch (err) {
      console.error(`[ensure-chromium] apt-get failed: ${err.message}`);
      process.exit(1);
    }
  }
}

if (!existsSync(chromium)) {
  console.error(`[ensure-chromium] ${chromium} still missing after install.`);
  process.exit(1);
}
const version = spawnSync(chromium, ['--headless', '--no-sandbox', '--version'], { encoding: 'utf8' });
if (version.status !== 0) {
  console.error(`[ensure-chromium] ${chromium} does not run: ${version.stderr}`);
  process.exit(1);
}
console.log(`[ensure-chromium] ${version.stdout.trim()}`);
