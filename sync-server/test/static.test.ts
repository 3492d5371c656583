import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAll, removeDir, type SpawnedRelay, spawnRelay, tempDir } from './helpers.ts';

/** A GET with the path sent exactly as given (fetch would normalize `..`). */
function rawGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static web app', () => {
  const parent = tempDir('bangqi-static-');
  const staticDir = join(parent, 'web');
  let relay: SpawnedRelay;
  beforeAll(async () => {
    mkdirSync(staticDir);
    writeFileSync(join(parent, 'secret.txt'), 'TOPSECRET');
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>帮企通</title>');
    writeFileSync(join(staticDir, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    writeFileSync(join(staticDir, 'manifest.webmanifest'), '{"name":"帮企通"}');
    writeFileSync(join(staticDir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'assets', 'x-abc123.js'), 'export const x = 1;');
    writeFileSync(join(staticDir, 'assets', 'x-abc123.css'), 'body{}');
    relay = await spawnRelay({ STATIC_DIR: staticDir });
  });
  afterAll(async () => {
    await killAll();
    removeDir(parent);
  });

  it('serves the shell and service-worker files with no-cache', async () => {
    for (const [path, type] of [
      ['/', 'text/html'],
      ['/index.html', 'text/html'],
      ['/sw.js', 'text/javascript'],
      ['/manifest.webmanifest', 'application/manifest+json'],
    ] as const) {
      const res = await fetch(relay.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toContain(type);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
    }
    expect(await (await fetch(`${relay.url}/`)).text()).toContain('帮企通');
  });

  it('serves hashed assets as immutable with the right types', async () => {
    const js = await fetch(`${relay.url}/assets/x-abc123.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('text/javascript');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('export const x = 1;');
    const css = await fetch(`${relay.url}/assets/x-abc123.css`);
    expect(css.headers.get('content-type')).toContain('text/css');
    const svg = await fetch(`${relay.url}/icon.svg`);
    expect(svg.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('falls back to index.html for app routes, 404 for missing files', async () => {
    const route = await fetch(`${relay.url}/enterprises/ent-demo0001?tab=visits`);
    expect(route.status).toBe(200);
    expect(route.headers.get('cache-control')).toBe('no-cache');
    expect(await route.text()).toContain('<title>帮企通</title>');
    expect((await fetch(`${relay.url}/assets/gone-123.js`)).status).toBe(404);
    expect((await fetch(`${relay.url}/missing.png`)).status).toBe(404);
  });

  it('does not serve files outside STATIC_DIR', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/../../../../etc/passwd']) {
      const res = await rawGet(relay.port, path);
      expect(res.body, path).not.toContain('TOPSECRET');
      expect(res.body, path).not.toContain('root:');
      expect([200, 403, 404], path).toContain(res.status);
      if (res.status === 200) expect(res.body).toContain('帮企通'); // resolved inside the root, at worst the shell
    }
  });

  it('answers /healthz', async () => {
    const res = await fetch(`${relay.url}/healthz`);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ ok: true, version: '0.1.0', docsLoaded: 0, seq: 0 });
    expect(typeof body.clients).toBe('number');
    expect(typeof body.uptimeSec).toBe('number');
  });

  it('without a build, / answers 503 telling to run npm run build', async () => {
    const empty = tempDir('bangqi-nostatic-');
    const bare = await spawnRelay({ STATIC_DIR: empty });
    const res = await fetch(`${bare.url}/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
    expect((await fetch(`${bare.url}/some/route`)).status).toBe(503);
    await bare.stop();
    removeDir(empty);
  });
});
