/**
 * On a policy item: the enterprises that qualify in 我的 / 本队 / 全区 (commissioners their portfolio, leads
 * their teams, coordinators the district) with counts, those nearly qualifying with the reason, and the
 * status of the item per enterprise (from the list rows, so it shows what other devices recorded once
 * synced). The push list exports the qualifying ones with their contacts, read from stored docs.
 */
import { For, Show, createMemo, createSignal, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import { isPolicyShown, type EnterpriseRow, type PolicyItem } from '@bangqi/shared';
import { useApp } from '../../../state/app.tsx';
import { contactsFromStore, itemEnterprises, rowPolicyStatuses, scopeRows, scopesFor, type MatchScope } from '../../../state/policyMatch.ts';
import { describeCondition } from '../strings.ts';
import { localToday } from '../today.ts';
import { FACT_LABELS, pe, pm } from '../match/strings.ts';
import { pushSheetRows, writePushXlsx } from './pushSheet.ts';
import '../match/match.css';

/** Long lists show this many per group; the push list always holds all of them. */
const SHOWN = 200;

export function PolicyEnterprises(props: { item: PolicyItem }): JSX.Element {
  const { enterprises, auth, org, db } = useApp();
  const today = localToday();
  const scopes = createMemo(() => scopesFor(auth.principal()));
  const [picked, setPicked] = createSignal<MatchScope | null>(null);
  const scope = () => picked() ?? scopes()[scopes().length - 1] ?? null;
  const result = createMemo(() => {
    const s = scope();
    return s ? itemEnterprises(props.item, scopeRows(enterprises.rows(), auth.principal(), s), today) : null;
  });
  const [progress, setProgress] = createSignal<{ done: number; total: number } | null>(null);
  const [failed, setFailed] = createSignal(false);
  const exportPush = async () => {
    const r = result();
    if (!r || progress()) return;
    setFailed(false);
    const rows = r.eligible;
    setProgress({ done: 0, total: rows.length });
    try {
      const contacts = await contactsFromStore(db, rows.map((x) => x.id), (done, total) => setProgress({ done, total }));
      await writePushXlsx(pushSheetRows(props.item.code, rows, contacts, org.userName), pe.fileName(props.item.code, today));
    } catch {
      setFailed(true);
    } finally {
      setProgress(null);
    }
  };
  const status = (row: EnterpriseRow) => {
    const s = rowPolicyStatuses(row)[props.item.code];
    return s ? pm.statusWithAmount(s.status, s.amount) : '';
  };
  const Row = (rp: { row: EnterpriseRow; reason?: string }) => (
    <li class="pe-row" data-testid="policy-enterprise" data-id={rp.row.id}>
      <span>
        <A href={`/enterprises/${rp.row.id}`}>{rp.row.name}</A>
        <Show when={rp.reason}>
          <span class="pm-reason small" data-testid="policy-enterprise-reason">
            {' '}
            {rp.reason}
          </span>
        </Show>
      </span>
      <span class="muted small" data-testid="policy-enterprise-status">
        {status(rp.row)}
      </span>
    </li>
  );
  return (
    <section class="pol-section" data-testid="policy-enterprises">
      <h2>{pe.title}</h2>
      <Show when={isPolicyShown(props.item, today)} fallback={<p class="muted">{pe.notShown}</p>}>
        <Show when={scopes().length > 0} fallback={<p class="muted">{pe.noScope}</p>}>
          <div class="pe-scopes" role="group">
            <For each={scopes()}>
              {(s) => (
                <button type="button" aria-pressed={scope() === s} data-testid={`policy-scope-${s}`} onClick={() => setPicked(s)}>
                  {pe.scopes[s]}
                </button>
              )}
            </For>
          </div>
          <Show when={result()}>
            {(r) => (
              <>
                <p class="pe-counts" data-testid="policy-enterprise-counts">
                  <span>
                    {pe.eligible} <strong data-testid="policy-count-eligible">{r().eligible.length}</strong>
                  </span>
                  <span>
                    {pe.nearly} <strong data-testid="policy-count-nearly">{r().nearly.length}</strong>
                  </span>
                  <span>
                    {pe.unknown} <strong data-testid="policy-count-unknown">{r().unknown.length}</strong>
                  </span>
                </p>
                <Show when={r().eligible.length > 0}>
                  <button type="button" class="primary" data-testid="policy-push-export" disabled={progress() !== null} onClick={() => void exportPush()}>
                    {pe.exportPush}
                  </button>
                </Show>
                <Show when={progress()}>
                  {(pg) => (
                    <div role="status" data-testid="policy-push-progress">
                      <progress class="pe-progress" max={pg().total} value={pg().done} />
                      <span class="small">{pe.exporting(pg().done, pg().total)}</span>
                    </div>
                  )}
                </Show>
                <Show when={failed()}>
                  <p class="field-error" role="alert">
                    {pe.exportFailed}
                  </p>
                </Show>
                <Show when={r().eligible.length + r().nearly.length + r().unknown.length > 0} fallback={<p class="muted">{pe.none}</p>}>
                  <h3 class="pm-group-title">{pe.eligible}</h3>
                  <ul class="pm-list" data-testid="policy-enterprises-eligible">
                    <For each={r().eligible.slice(0, SHOWN)}>{(row) => <Row row={row} />}</For>
                  </ul>
                  <Show when={r().eligible.length > SHOWN}>
                    <p class="muted small">{pe.moreHidden(r().eligible.length - SHOWN)}</p>
                  </Show>
                  <Show when={r().nearly.length > 0}>
                    <h3 class="pm-group-title">{pe.nearly}</h3>
                    <ul class="pm-list" data-testid="policy-enterprises-nearly">
                      <For each={r().nearly.slice(0, SHOWN)}>{(n) => <Row row={n.row} reason={pm.unmetPrefix + describeCondition(n.unmet)} />}</For>
                    </ul>
                  </Show>
                  <Show when={r().unknown.length > 0}>
                    <h3 class="pm-group-title">{pe.unknown}</h3>
                    <ul class="pm-list" data-testid="policy-enterprises-unknown">
                      <For each={r().unknown.slice(0, SHOWN)}>
                        {(n) => <Row row={n.row} reason={pm.unknownPrefix + [...new Set(n.unknown.map((c) => FACT_LABELS[c.field]))].join('、')} />}
                      </For>
                    </ul>
                  </Show>
                </Show>
              </>
            )}
          </Show>
        </Show>
      </Show>
    </section>
  );
}
