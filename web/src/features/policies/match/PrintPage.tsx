/**
 * /enterprises/:id/policies/print — a one-page policy sheet (惠企政策告知单) to leave with an enterprise: the
 * items it qualifies for (免申即享 first as ranked), each with benefit, conditions, materials, process and
 * phone. Built from the list row and the synced library, so it prints offline; print CSS keeps it to A4
 * and hides the app around it.
 */
import { For, Show, createMemo, type JSX } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { useApp } from '../../../state/app.tsx';
import { fileMatches } from '../../../state/policyMatch.ts';
import { localToday } from '../today.ts';
import { pp } from './strings.ts';
import './print.css';

const SHEET_MAX_ITEMS = 16;

export function PolicyPrintPage(): JSX.Element {
  const params = useParams<{ id: string }>();
  const { enterprises, policies, org } = useApp();
  const today = localToday();
  const row = createMemo(() => enterprises.rows().find((r) => r.id === params.id));
  const items = createMemo(() => {
    const r = row();
    if (!r) return [];
    const g = fileMatches(policies.items(), r, today);
    return [...g.automatic, ...g.eligible].map((m) => m.item);
  });
  // What fits one A4 page in the print layout (two columns, 8 items each); the rest are counted.
  const shown = createMemo(() => items().slice(0, SHEET_MAX_ITEMS));
  return (
    <section class="pp-page" data-testid="policy-print-page">
      <div class="pp-actions">
        <A href={`/enterprises/${params.id}`} class="back">
          ‹ {pp.back}
        </A>
        <button type="button" class="primary" data-testid="policy-print" onClick={() => window.print()}>
          {pp.print}
        </button>
      </div>
      <Show when={row()} fallback={<p class="empty">{enterprises.loading() ? '…' : pp.none}</p>}>
        {(r) => (
          <article class="pp-sheet" data-testid="policy-print-sheet">
            <h1>{pp.title}</h1>
            <p class="pp-meta">
              <span>{pp.for(r().name)}</span>
              <span>{pp.printed(today)}</span>
            </p>
            <Show when={items().length > 0} fallback={<p>{pp.none}</p>}>
              <ol class="pp-items">
                <For each={shown()}>
                  {(item) => (
                    <li class="pp-item" data-testid="policy-print-item" data-code={item.code}>
                      <h2>
                        {item.name}
                        <span class="pp-mode">{item.mode}</span>
                      </h2>
                      <Show when={item.benefit}>
                        <p>
                          <b>{pp.benefit}：</b>
                          {item.benefit}
                        </p>
                      </Show>
                      <Show when={item.requirements}>
                        <p class="pp-long">
                          <b>{pp.conditions}：</b>
                          {item.requirements}
                        </p>
                      </Show>
                      <Show when={item.applyFrom || item.applyTo}>
                        <p>
                          <b>{pp.applyWindow}：</b>
                          {item.applyFrom || '—'} 至 {item.applyTo || '—'}
                        </p>
                      </Show>
                      <Show when={item.materials}>
                        <p class="pp-long">
                          <b>{pp.materials}：</b>
                          {item.materials}
                        </p>
                      </Show>
                      <Show when={item.process}>
                        <p class="pp-long">
                          <b>{pp.process}：</b>
                          {item.process}
                        </p>
                      </Show>
                      <Show when={item.phone}>
                        <p>
                          <b>{pp.phone}：</b>
                          {item.phone}
                        </p>
                      </Show>
                    </li>
                  )}
                </For>
              </ol>
              <Show when={items().length > SHEET_MAX_ITEMS}>
                <p class="pp-more" data-testid="policy-print-more">{pp.more(items().length - SHEET_MAX_ITEMS)}</p>
              </Show>
            </Show>
            <Show when={r().responsibleId}>
              <p class="pp-footer">{pp.commissioner(org.userName(r().responsibleId))}</p>
            </Show>
          </article>
        )}
      </Show>
    </section>
  );
}
