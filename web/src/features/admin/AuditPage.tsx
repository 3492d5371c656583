/**
 * 审计日志 (admin): newest first, filtered by person, action, file and day range, paged with 加载更多
 * (the relay's `before` cursor), exported as CSV with the same filters.
 */
import { For, Show, createSignal } from 'solid-js';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { EMPTY_AUDIT_FILTER, type AuditFilter } from '../../state/admin.ts';
import { dateTime } from '../../ui/strings.ts';
import { AdminTable } from './AdminTable.tsx';
import { AdminShell, Loaded, useAdminApi } from './AdminShell.tsx';
import { detailText, type DetailNames } from './detail.ts';
import { AUDIT_ACTION_LABELS, ad, apiErrorText } from './strings.ts';

export function AuditPage() {
  return (
    <AdminShell testId="admin-audit" title={ad.auditTitle} roles={['admin']}>
      <Audit />
    </AdminShell>
  );
}

function Audit() {
  const api = useAdminApi();
  const { org } = useApp();
  const [filter, setFilter] = createSignal<AuditFilter>(EMPTY_AUDIT_FILTER);
  const [entries, setEntries] = createSignal<AuditEntry[]>([]);
  const [nextBefore, setNextBefore] = createSignal<number | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [loaded, setLoaded] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [exporting, setExporting] = createSignal(false);
  const [exportError, setExportError] = createSignal<string | null>(null);
  // Answers to an older filter are dropped when a newer request was made meanwhile.
  let generation = 0;

  const load = async (more: boolean) => {
    const mine = more ? generation : ++generation;
    setLoading(true);
    try {
      const page = await api.audit(filter(), more ? nextBefore() : null);
      if (mine !== generation) return;
      setEntries((prev) => (more ? [...prev, ...page.entries] : page.entries));
      setNextBefore(page.nextBefore);
      setError(null);
      setLoaded(true);
    } catch (err) {
      if (mine === generation) setError(apiErrorText(err));
    } finally {
      if (mine === generation) setLoading(false);
    }
  };
  const change = (next: Partial<AuditFilter>) => {
    setFilter((f) => ({ ...f, ...next }));
    void load(false);
  };

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const blob = await api.exportAudit(filter());
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `audit-${new Date().toISOString().slice(0, 10)}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setExportError(apiErrorText(err));
    } finally {
      setExporting(false);
    }
  };

  void load(false);

  const names: DetailNames = { user: (id) => org.user(id)?.name, team: (id) => org.team(id)?.name };
  const actorName = (actor: string) => (actor === '' ? ad.auditRelay : (org.user(actor)?.name ?? actor));

  return (
    <>
      <form class="audit-filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          <span class="field-label">{ad.auditActor}</span>
          <select data-testid="audit-filter-actor" value={filter().actor} onChange={(e) => change({ actor: e.currentTarget.value })}>
            <option value="">{ad.auditAll}</option>
            <For each={org.org()?.users ?? []}>{(u) => <option value={u.id}>{ad.userOption(u.name, u.username)}</option>}</For>
          </select>
        </label>
        <label>
          <span class="field-label">{ad.auditAction}</span>
          <select data-testid="audit-filter-action" value={filter().action} onChange={(e) => change({ action: e.currentTarget.value as AuditAction | '' })}>
            <option value="">{ad.auditAll}</option>
            <For each={AUDIT_ACTIONS}>{(a) => <option value={a}>{AUDIT_ACTION_LABELS[a]}</option>}</For>
          </select>
        </label>
        <label>
          <span class="field-label">{ad.auditDoc}</span>
          <input
            data-testid="audit-filter-doc"
            type="search"
            autocomplete="off"
            value={filter().docId}
            placeholder="ent-…"
            onChange={(e) => change({ docId: e.currentTarget.value })}
          />
        </label>
        <label>
          <span class="field-label">{ad.auditFrom}</span>
          <input data-testid="audit-filter-from" type="date" value={filter().fromDay} onChange={(e) => change({ fromDay: e.currentTarget.value })} />
        </label>
        <label>
          <span class="field-label">{ad.auditTo}</span>
          <input data-testid="audit-filter-to" type="date" value={filter().toDay} onChange={(e) => change({ toDay: e.currentTarget.value })} />
        </label>
        <button type="button" data-testid="audit-export" disabled={exporting()} onClick={() => void exportCsv()}>
          {exporting() ? ad.auditExporting : ad.auditExport}
        </button>
      </form>
      <Show when={exportError()}>
        <p class="field-error" role="alert" data-testid="audit-export-error">
          {exportError()}
        </p>
      </Show>
      <Loaded loading={loading()} error={error()} ready={loaded()} retry={() => void load(false)}>
        <AdminTable
          rows={entries().length}
          empty={ad.auditEmpty}
          emptyTestId="audit-empty"
          class="audit-table"
          busy={loading()}
          head={
            <>
              <th>{ad.auditTime}</th>
              <th>{ad.auditActor}</th>
              <th>{ad.auditAction}</th>
              <th>{ad.auditDoc}</th>
              <th>{ad.auditDevice}</th>
              <th>{ad.auditDetail}</th>
            </>
          }
          after={
            <div class="admin-more">
              <Show when={nextBefore() !== null} fallback={<span class="muted small">{ad.auditEnd}</span>}>
                <button type="button" data-testid="audit-more" disabled={loading()} onClick={() => void load(true)}>
                  {loading() ? ad.loading : ad.auditMore}
                </button>
              </Show>
            </div>
          }
        >
          <For each={entries()}>
            {(e) => (
              <tr data-testid="audit-row" data-action={e.action} data-actor={e.actor} data-id={e.id}>
                <td class="nowrap card-end" title={ad.auditChain(e.id)}>
                  {dateTime(e.at)}
                </td>
                <td class="nowrap card-title" data-testid="audit-actor">
                  {actorName(e.actor)}
                </td>
                <td class="nowrap card-head" classList={{ 'audit-bad': e.action === 'login-failed' || e.action === 'update-refused' }}>
                  {AUDIT_ACTION_LABELS[e.action] ?? e.action}
                </td>
                <td class="mono small nowrap" classList={{ 'card-blank': !e.docId }} data-label={ad.auditDocShort}>
                  {e.docId || ad.none}
                </td>
                <td class="mono small audit-device" classList={{ 'card-blank': !e.deviceId }} data-label={ad.auditDevice}>
                  {e.deviceId || ad.none}
                </td>
                <td class="small audit-detail" data-label={ad.auditDetail} data-testid="audit-detail">
                  {detailText(e.detail, names)}
                </td>
              </tr>
            )}
          </For>
        </AdminTable>
      </Loaded>
    </>
  );
}
