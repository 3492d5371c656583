/**
 * Serves the built web app: hashed /assets/* cached forever, the app shell and service-worker files
 * revalidated on every load, SPA fallback to index.html for extension-less paths.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

const NO_CACHE = new Set(['/index.html', '/sw.js', '/registerSW.js', '/manifest.webmanifest']);
const IMMUTABLE = 'public, max-age=31536000, immutable';

export function contentType(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export function cacheControl(urlPath: string): string {
  if (urlPath.startsWith('/assets/')) return IMMUTABLE;
  if (NO_CACHE.has(urlPath)) return 'no-cache';
  return 'public, max-age=3600';
}

async function fileSize(path: string): Promise<number | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache' });
  res.end(body);
}

export function createStaticHandler(staticDir: string): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const root = resolve(staticDir);
  const indexPath = join(root, 'index.html');

  const serveFile = async (req: IncomingMessage, res: ServerResponse, path: string, size: number, urlPath: string) => {
    res.writeHead(200, {
      'Content-Type': contentType(path),
      'Content-Length': size,
      'Cache-Control': cacheControl(urlPath),
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(path)
      .on('error', () => res.destroy())
      .pipe(res);
  };

  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    }
    let urlPath: string;
    try {
      urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return send(res, 400, 'text/plain; charset=utf-8', 'bad path\n');
    }
    if (urlPath.includes('\0')) return send(res, 400, 'text/plain; charset=utf-8', 'bad path\n');
    if (urlPath.endsWith('/')) urlPath += 'index.html';
    const path = resolve(root, `.${urlPath}`);
    if (path !== root && !path.startsWith(root + sep)) return send(res, 403, 'text/plain; charset=utf-8', 'forbidden\n');

    const size = await fileSize(path);
    if (size !== null) return serveFile(req, res, path, size, urlPath);
    // A missing file with an extension (or under /assets/) is a real 404; anything else is an app route.
    if (urlPath !== '/index.html' && (extname(urlPath) !== '' || urlPath.startsWith('/assets/'))) {
      return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
    }
    const indexSize = await fileSize(indexPath);
    if (indexSize === null) {
      return send(res, 503, 'text/plain; charset=utf-8',
        `The web app is not built (no index.html in ${root}). Run \`npm run build\`, then reload.\n`);
    }
    return serveFile(req, res, indexPath, indexSize, '/index.html');
  };
}
