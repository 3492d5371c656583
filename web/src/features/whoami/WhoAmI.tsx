/** "我是谁": pick one of the demo users; stored on this device, switchable from the top bar. */
import { For } from 'solid-js';
import { useApp } from '../../state/app.tsx';
import { t } from '../../ui/strings.ts';

export function WhoAmI(props: { onChosen?: () => void }) {
  const { session, engine } = useApp();
  const choose = async (id: string) => {
    const switching = session.user() !== null && session.user()?.id !== id;
    await session.setUser(id);
    if (switching) engine.reconnectNow(); // the hello carries the user (sync starts on the first choice)
    props.onChosen?.();
  };
  return (
    <section class="whoami" data-testid="whoami" aria-labelledby="whoami-title">
      <h1 id="whoami-title">{t.whoamiTitle}</h1>
      <p class="muted">{t.whoamiHint}</p>
      <div class="whoami-list">
        <For each={session.users}>
          {(u) => (
            <button
              type="button"
              class="whoami-option"
              data-testid={`whoami-${u.id}`}
              aria-pressed={session.user()?.id === u.id}
              onClick={() => void choose(u.id)}
            >
              <span class="avatar" aria-hidden="true">
                {u.name.slice(0, 1)}
              </span>
              <span class="whoami-name">{u.name}</span>
              <span class="muted">{u.role}</span>
            </button>
          )}
        </For>
      </div>
    </section>
  );
}
