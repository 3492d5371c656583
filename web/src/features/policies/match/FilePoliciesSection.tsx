/**
 * 可享政策 on the enterprise file: the items it qualifies for (免申即享 ones as 应自动享受, to check they
 * arrived), nearly qualifies for (the unmet condition named), and may qualify for (the missing facts named,
 * to fill in), ranked; per item the current status and a dialog to record it. All on the device: the
 * library is synced, the statuses are the open doc's `policyEvents`.
 */
import { For, Show, createMemo, createSignal, onCleanup, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import { recordPolicyStatus, type EnterpriseProfile, type PolicyMatch, type PolicyStatusSummary } from '@bangqi/shared';
import { useApp } from '../../../state/app.tsx';
import { docPolicyNotes, docPolicyStatuses, fileMatches } from '../../../state/policyMatch.ts';
import { describeCondition } from '../strings.ts';
import { localToday } from '../today.ts';
import { StatusDialog, type StatusDraft } from './StatusDialog.tsx';
import { FACT_LABELS, pm } from './strings.ts';
import './match.css';

export function FilePoliciesSection(props: { id: string; profile: () => EnterpriseProfile }): JSX.Element {
  const { docs, policies, auth } = useApp();
  const handle = docs.acquire(props.id);
  const [statuses, setStatuses] = createSignal<PolicyStatusSummary>(docPolicyStatuses(handle.doc));
  const [notes, setNotes] = createSignal<Record<string, string>>(docPolicyNotes(handle.doc));
  const refresh = () => {
    setStatuses(docPolicyStatuses(handle.doc));
    setNotes(docPolicyNotes(handle.doc));
  };
  handle.doc.on('update', refresh);
  void handle.ready.then(refresh);
  onCleanup(() => {
    handle.doc.off('update', refresh);
    handle.release();
  });
  const today = localToday();
  const groups = createMemo(() => fileMatches(policies.items(), props.profile(), today));
  const total = () => {
    const g = groups();
    return g.automatic.length + g.eligible.length + g.nearly.length + g.unknown.length;
  };
  const [editing, setEditing] = createSignal<{ match: PolicyMatch; initial: StatusDraft } | null>(null);
  /** `arrived`: the 免申即享 check — true presets 已兑现 today, false keeps the status with the note 未到账. */
  const open = (match: PolicyMatch, arrived?: boolean) => {
    const s = statuses()[match.item.code];
    const status = arrived ? '已兑现' : (s?.status ?? '已告知');
    setEditing({
      match,
      initial: {
        status,
        amount: status === '已兑现' ? (s?.amount ?? '') : '',
        date: status === '已兑现' ? today : '',
        note: arrived === false ? pm.notArrivedNote : '',
      },
    });
  };
  const save = (code: string, d: StatusDraft) => {
    const by = auth.user()?.id ?? 'unknown';
    handle.doc.transact(() => recordPolicyStatus(handle.doc, { code, ...d, visitId: '' }, by, Date.now()));
    setEditing(null);
  };

  const Item = (ip: { m: PolicyMatch; kind: 'automatic' | 'eligible' | 'nearly' | 'unknown' }) => {
    const s = () => statuses()[ip.m.item.code];
    return (
      <li class="pm-item" data-testid="file-policy" data-code={ip.m.item.code} data-kind={ip.kind}>
        <div class="pm-item-head">
          <A href={`/policies/${encodeURIComponent(ip.m.item.code)}`} class="pm-item-name">
            {ip.m.item.name}
          </A>
          <span class="pm-status" classList={{ 'pm-status-none': !s() }} data-testid="file-policy-status">
            {s() ? pm.statusWithAmount(s()!.status, s()!.amount) : pm.statusNone}
          </span>
        </div>
        <Show when={ip.m.item.benefit}>
          <p class="pm-benefit">{ip.m.item.benefit}</p>
        </Show>
        <Show when={ip.kind === 'nearly' && ip.m.result.unmet[0]}>
          {(c) => (
            <p class="pm-reason" data-testid="file-policy-unmet">
              {pm.unmetPrefix}
              {describeCondition(c())}
            </p>
          )}
        </Show>
        <Show when={ip.kind === 'unknown'}>
          <p class="pm-reason" data-testid="file-policy-unknown">
            {pm.unknownPrefix}
            {[...new Set(ip.m.result.unknown.map((c) => FACT_LABELS[c.field]))].join('、')}
          </p>
        </Show>
        <Show when={notes()[ip.m.item.code]}>
          {(n) => (
            <p class="muted small" data-testid="file-policy-note">
              {pm.note}：{n()}
            </p>
          )}
        </Show>
        <Show when={ip.m.item.applyTo}>
          <p class="muted small">{pm.applyBy(ip.m.item.applyTo)}</p>
        </Show>
        <div class="pm-item-actions">
          <button type="button" data-testid="file-policy-record" onClick={() => open(ip.m)}>
            {pm.record}
          </button>
          <Show when={ip.kind === 'automatic' && s()?.status !== '已兑现'}>
            <button type="button" data-testid="file-policy-arrived" onClick={() => open(ip.m, true)}>
              {pm.arrived}
            </button>
            <button type="button" data-testid="file-policy-not-arrived" onClick={() => open(ip.m, false)}>
              {pm.notArrived}
            </button>
          </Show>
        </div>
      </li>
    );
  };

  const Group = (gp: { title: string; hint?: string; list: PolicyMatch[]; kind: 'automatic' | 'eligible' | 'nearly' | 'unknown' }) => (
    <Show when={gp.list.length > 0}>
      <h3 class="pm-group-title">
        {gp.title} <span class="muted small">{pm.count(gp.list.length)}</span>
      </h3>
      <Show when={gp.hint}>
        <p class="muted small">{gp.hint}</p>
      </Show>
      <ul class="pm-list" data-testid={`file-policies-${gp.kind}`}>
        <For each={gp.list}>{(m) => <Item m={m} kind={gp.kind} />}</For>
      </ul>
    </Show>
  );

  return (
    <section class="file-section pm-section" data-testid="file-policies">
      <div class="pm-section-head">
        <h2>{pm.sectionTitle}</h2>
        <A href={`/enterprises/${props.id}/policies/print`} class="button" data-testid="file-policies-print">
          {pm.print}
        </A>
      </div>
      <Show when={policies.ready()} fallback={<p class="muted">{pm.loading}</p>}>
        <Show when={total() > 0} fallback={<p class="muted" data-testid="file-policies-empty">{pm.empty}</p>}>
          <Group title={pm.automatic} hint={pm.automaticHint} list={groups().automatic} kind="automatic" />
          <Group title={pm.eligible} list={groups().eligible} kind="eligible" />
          <Group title={pm.nearly} list={groups().nearly} kind="nearly" />
          <Group title={pm.unknown} hint={pm.fillHint} list={groups().unknown} kind="unknown" />
        </Show>
      </Show>
      <Show when={editing()}>
        {(e) => <StatusDialog name={e().match.item.name} initial={e().initial} onSave={(d) => save(e().match.item.code, d)} onClose={() => setEditing(null)} />}
      </Show>
    </section>
  );
}
