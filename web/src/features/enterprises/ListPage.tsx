/**
 * Enterprise list: reads materialized rows only (never loads a doc), virtualized, filtered by
 * name / USCC substring as the user types.
 */
import { For, Match, Show, Switch, createSignal } from 'solid-js';
import { A, useNavigate } from '@solidjs/router';
import { createVirtualizer } from '@tanstack/solid-virtual';
import { checkUscc, type EnterpriseRow } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { t } from '../../ui/strings.ts';

const ROW_HEIGHT = 72;

function Row(props: { row: EnterpriseRow }) {
  const invalid = () => props.row.uscc !== '' && checkUscc(props.row.uscc) !== null;
  return (
    <A class="ent-row" href={`/enterprises/${props.row.id}`} data-testid="enterprise-row" data-id={props.row.id}>
      <span class="ent-row-name">{props.row.name || t.unnamed}</span>
      <span class="ent-row-meta">
        <span>{props.row.town || '—'}</span>
        <span>{props.row.industry || '—'}</span>
        <span class="mono">{props.row.uscc}</span>
        <Show when={invalid()}>
          <span class="badge badge-warn">{t.usccInvalidBadge}</span>
        </Show>
        <For each={props.row.tags.slice(0, 3)}>{(tag) => <span class="badge">{tag}</span>}</For>
      </span>
    </A>
  );
}

export function ListPage() {
  const { enterprises, session } = useApp();
  const navigate = useNavigate();
  const [creating, setCreating] = createSignal(false);
  let scroller: HTMLDivElement | undefined;
  const virtualizer = createVirtualizer({
    get count() {
      return enterprises.filtered().length;
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  const createNew = async () => {
    if (creating()) return;
    setCreating(true);
    try {
      const id = await enterprises.createNew(session.user()?.id ?? 'unknown');
      navigate(`/enterprises/${id}?new=1`);
    } finally {
      setCreating(false);
    }
  };

  return (
    <section class="list-page">
      <div class="list-head">
        <input
          class="search"
          type="search"
          inputmode="search"
          enterkeyhint="search"
          placeholder={t.searchPlaceholder}
          aria-label={t.searchPlaceholder}
          data-testid="enterprise-search"
          value={enterprises.query()}
          onInput={(e) => {
            enterprises.setQuery(e.currentTarget.value);
            scroller?.scrollTo({ top: 0 });
          }}
        />
        <div class="list-toolbar">
          <span class="muted" data-testid="enterprise-count" data-count={enterprises.filtered().length} aria-live="polite">
            {t.count(enterprises.filtered().length, enterprises.rows().length)}
          </span>
          <button type="button" class="primary" data-testid="enterprise-new" disabled={creating()} onClick={() => void createNew()}>
            ＋ {t.newEnterprise}
          </button>
        </div>
      </div>
      <div class="list-scroll" ref={scroller}>
        <Switch>
          <Match when={enterprises.loading()}>
            <p class="empty" data-testid="list-loading">
              {t.listLoading}
            </p>
          </Match>
          <Match when={enterprises.rows().length === 0}>
            <p class="empty" data-testid="list-empty">
              {t.listEmpty}
            </p>
          </Match>
          <Match when={enterprises.filtered().length === 0}>
            <p class="empty" data-testid="list-empty">
              {t.listNoMatch}
            </p>
          </Match>
          <Match when={true}>
            <div class="list-inner" style={{ height: `${virtualizer.getTotalSize()}px` }} role="list">
              <For each={virtualizer.getVirtualItems()}>
                {(item) => (
                  <div
                    class="list-item"
                    role="listitem"
                    style={{ transform: `translateY(${item.start}px)`, height: `${ROW_HEIGHT}px` }}
                  >
                    <Show when={enterprises.filtered()[item.index]}>{(row) => <Row row={row()} />}</Show>
                  </div>
                )}
              </For>
            </div>
          </Match>
        </Switch>
      </div>
    </section>
  );
}
