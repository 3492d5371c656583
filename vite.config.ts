/**
 * Builds the web app (web/) into dist/web, which the relay serves. Solid + PWA in prompt mode: an
 * update waits for the user (立即更新 / 稍后) and never reloads a half-filled form. The dev server
 * proxies the relay's endpoints (start it with `npm run dev` or on :8787).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ProxyOptions } from 'vite';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';

const relay = process.env.RELAY_URL ?? 'http://localhost:8787';
const proxy: Record<string, ProxyOptions> = Object.fromEntries(
  ['/sync', '/y', '/healthz', '/api'].map((path) => [path, { target: relay, ws: true, changeOrigin: true }]),
);
const pkg = JSON.parse(readFileSync(new URL('./web/package.json', import.meta.url), 'utf8')) as { version: string };
const builtAt = new Date().toISOString().slice(0, 19).replace('T', ' ');

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  define: {
    __APP_VERSION__: JSON.stringify(`${pkg.version} (${builtAt} UTC)`),
  },
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
  },
  server: { proxy },
  preview: { proxy },
  plugins: [
    solid(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: null,
      includeAssets: ['icons/apple-touch-icon.png'],
      manifest: {
        name: '帮企通',
        short_name: '帮企通',
        description: '企业服务专员的离线优先工作台：一企一档、走访、诉求闭环',
        lang: 'zh-CN',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f5f7fa',
        theme_color: '#155eaa',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/sync/, /^\/y\//, /^\/api\//, /^\/healthz/],
        // The first install takes control at once (so the app works offline after one visit); later
        // versions wait in `waiting` until the user picks 立即更新 (no skipWaiting).
        clientsClaim: true,
        cleanupOutdatedCaches: true,
      },
      devOptions: { enabled: false },
    }),
  ],
});
