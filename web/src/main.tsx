/** Boot: open IndexedDB, create the services (inside a reactive root), render. */
import { render } from 'solid-js/web';
import { App } from './App.tsx';
import { AppProvider, boot, createAppServices } from './state/app.tsx';
import './ui/styles.css';

const root = document.getElementById('root')!;

boot().then(
  (data) => {
    root.textContent = '';
    render(
      () => (
        <AppProvider services={createAppServices(data)}>
          <App />
        </AppProvider>
      ),
      root,
    );
  },
  (err: unknown) => {
    console.error('[boot]', err);
    root.textContent = `帮企通无法启动：${err instanceof Error ? err.message : String(err)}（请确认浏览器允许本地存储）`;
  },
);
