/**
 * 转为诉求 for one demand item of a saved visit: one tap raises the demand (offline too) and records its
 * id in the visit; once raised, the item links to its demand instead. For the visit detail to render
 * next to each item: <RaiseFromVisit enterprise={…} visitId={visit.id} item={text} />.
 */
import { Show, createMemo, createSignal } from 'solid-js';
import { A } from '@solidjs/router';
import { useApp } from '../../state/app.tsx';
import { titleFromItem, type RaiseTarget } from '../../state/demands.ts';
import { d } from './strings.ts';
import './demands.css';

export function RaiseFromVisit(props: { enterprise: RaiseTarget; visitId: string; item: string }) {
  const { demands } = useApp();
  const [busy, setBusy] = createSignal(false);
  const [failed, setFailed] = createSignal(false);
  const [raisedId, setRaisedId] = createSignal<string | null>(null);
  // The demand raised from this item (on any device): same visit, same title.
  const existing = createMemo(() => {
    const id = raisedId();
    if (id) return id;
    const title = titleFromItem(props.item);
    return demands.rows().find((r) => r.visitId === props.visitId && r.enterpriseId === props.enterprise.id && r.title === title)?.id ?? null;
  });
  const convert = async () => {
    if (busy() || existing()) return;
    setBusy(true);
    setFailed(false);
    try {
      setRaisedId(await demands.raiseFromVisit(props.enterprise, props.visitId, props.item));
    } catch (err) {
      console.error('[demand] convert failed', err);
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Show
      when={existing()}
      fallback={
        <>
          <button type="button" class="dem-convert" data-testid="convert-demand" disabled={busy() || props.item.trim() === ''} onClick={() => void convert()}>
            {busy() ? d.converting : d.convert}
          </button>
          <Show when={failed()}>
            <span class="field-error" role="alert">
              {d.actionFailed}
            </span>
          </Show>
        </>
      }
    >
      {(id) => (
        <A href={`/demands/${id()}`} class="dem-converted" data-testid="converted-demand" data-id={id()}>
          {d.converted}
        </A>
      )}
    </Show>
  );
}
