/**
 * 未同步/被拒修改: every change the relay refused (or that could not be sent because the user lost access
 * to the file) — which enterprise, when, why in Chinese, and what it contained — so nothing typed is
 * silently lost. The user copies the content (to enter it again or hand it on) and then dismisses it.
 */
import { For, Show, createSignal } from 'solid-js';
import { A } from '@solidjs/router';
import { Reason } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import type { RefusedRecord } from '../../storage/db.ts';
import { dateTime, reasonText, t } from '../../ui/strings.ts';
import { createRefusedStore } from './refusedStore.ts';

const FIELD_LABELS: Record<string, string> = {
  name: t.fieldName,
  uscc: t.fieldUscc,
  town: t.fieldTown,
  industry: t.fieldIndustry,
  note: t.fieldNote,
  tags: t.fieldTags,
  strategy: t.fieldStrategy,
  assignment: t.summaryAssignment,
};

/** The change as text lines ("企业名称：新名称" …), for the screen and for 复制内容. */
export function changeText(item: RefusedRecord): string[] {
  const lines = (item.changes ?? []).map((c) => `${FIELD_LABELS[c.field] ?? c.field}：${c.after || '（清空）'}${c.before && c.field !== 'note' && c.field !== 'strategy' ? `（原为：${c.before}）` : ''}`);
  return lines.length > 0 ? lines : [t.refusedNothingReadable];
}

function Item(props: { item: RefusedRecord; onDismiss: () => void }) {
  const [copied, setCopied] = createSignal(false);
  const name = () => props.item.name || t.unnamed;
  const copy = async () => {
    const text = [name(), ...changeText(props.item)].join('\n');
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // No clipboard permission (e.g. http): select the text so the user can copy it by hand.
      const range = document.createRange();
      const el = document.getElementById(`refused-${props.item.id}`);
      if (el) {
        range.selectNodeContents(el);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
      }
    }
    setCopied(true);
  };
  return (
    <li class="refused-item" data-testid="refused-item" data-doc-id={props.item.docId} data-reason={props.item.reason}>
      <div class="refused-head">
        {/* a revoked file is no longer on this device: its name only, no link */}
        <Show when={props.item.reason !== Reason.AccessRevoked && props.item.reason !== Reason.Forbidden} fallback={<span class="refused-name">{name()}</span>}>
          <A href={`/enterprises/${props.item.docId}`} class="refused-name">
            {name()}
          </A>
        </Show>
        <span class="muted small">{t.refusedWhen(dateTime(props.item.createdAt ?? props.item.refusedAt), dateTime(props.item.refusedAt))}</span>
      </div>
      <p class="sync-error" data-testid="refused-reason">
        {reasonText(props.item.reason)}
      </p>
      <div class="refused-content" id={`refused-${props.item.id}`} data-testid="refused-content">
        <For each={changeText(props.item)}>{(line) => <p>{line}</p>}</For>
      </div>
      <div class="update-actions">
        <button type="button" data-testid="refused-copy" onClick={() => void copy()}>
          {copied() ? t.refusedCopied : t.refusedCopy}
        </button>
        <button type="button" data-testid="refused-dismiss" onClick={props.onDismiss}>
          {t.refusedDismiss}
        </button>
      </div>
    </li>
  );
}

export function RefusedPage() {
  const { db, engine } = useApp();
  const store = createRefusedStore(db, () => engine.outboxChanged());
  return (
    <section class="settings-page">
      <h1>{t.refusedTitle}</h1>
      <p class="muted small">{t.refusedHint}</p>
      <Show when={store.items().length > 0} fallback={<p class="empty">{t.refusedEmpty}</p>}>
        <ul class="refused-list" data-testid="refused-list">
          <For each={store.items()}>{(item) => <Item item={item} onDismiss={() => void store.remove(item.id!)} />}</For>
        </ul>
      </Show>
    </section>
  );
}
