/** 服务队 (admin edits; coordinators read): 专项服务队 by industry, 街镇服务队 by town, and the 队长. */
import { For, Show, createMemo, createSignal } from 'solid-js';
import { INDUSTRIES, TEAM_KINDS, TOWNS, type Org, type Team } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { Field } from '../../ui/Field.tsx';
import { AdminFormPanel, createAdminForm } from './AdminForm.tsx';
import { AdminTable } from './AdminTable.tsx';
import { AdminShell, Loaded, createAdminOrg, useAdminApi } from './AdminShell.tsx';
import { TEAM_KIND_LABELS, ad } from './strings.ts';
import { teamProblems, type TeamForm } from './validate.ts';

export function TeamsPage() {
  return (
    <AdminShell testId="admin-teams" title={ad.teamsTitle} roles={['admin', 'coordinator']}>
      <Teams />
    </AdminShell>
  );
}

function Teams() {
  const { auth } = useApp();
  const api = useAdminApi();
  const { org, error, loading, reload } = createAdminOrg(api);
  const [editing, setEditing] = createSignal<'new' | Team | null>(null);
  const isAdmin = () => auth.principal()?.role === 'admin';
  const userName = (o: Org, id: string | null) => (id ? (o.users.find((u) => u.id === id)?.name ?? id) : ad.noLead);
  const members = (o: Org, teamId: string) => o.users.filter((u) => u.teamIds.includes(teamId) && !u.disabled).length;

  return (
    <Loaded loading={loading()} error={error()} ready={org() !== null} retry={() => void reload()}>
      <div class="admin-toolbar">
        <span class="muted">{ad.teamCount(org()?.teams.length ?? 0)}</span>
        <Show when={isAdmin()} fallback={<span class="muted small">{ad.readOnly}</span>}>
          <button type="button" class="primary" data-testid="team-new" onClick={() => setEditing('new')}>
            ＋ {ad.teamNew}
          </button>
        </Show>
      </div>
      <Show when={editing()} keyed>
        {(target) => (
          <TeamFormPanel
            org={org()!}
            team={target === 'new' ? null : target}
            onDone={async (saved) => {
              if (saved) await reload();
              setEditing(null);
            }}
          />
        )}
      </Show>
      <AdminTable
        rows={org()?.teams.length ?? 0}
        empty={ad.teamsEmpty}
        head={
          <>
            <th>{ad.teamName}</th>
            <th>{ad.teamKind}</th>
            <th>{ad.teamScope}</th>
            <th>{ad.teamLead}</th>
            <th>{ad.members}</th>
            <Show when={isAdmin()}>
              <th />
            </Show>
          </>
        }
      >
        <For each={org()!.teams}>
          {(team) => (
            <tr data-testid="team-row" data-team-id={team.id} data-name={team.name}>
              <td class="card-title">{team.name}</td>
              <td class="nowrap card-head">{TEAM_KIND_LABELS[team.kind]}</td>
              <td data-label={ad.teamScope}>{team.scope}</td>
              <td class="nowrap" data-label={ad.teamLead}>
                {userName(org()!, team.leadId)}
              </td>
              <td class="nowrap" data-label={ad.members}>
                {members(org()!, team.id)}
              </td>
              <Show when={isAdmin()}>
                <td class="admin-actions">
                  <button type="button" data-testid="team-edit" onClick={() => setEditing(team)}>
                    {ad.teamEdit}
                  </button>
                </td>
              </Show>
            </tr>
          )}
        </For>
      </AdminTable>
    </Loaded>
  );
}

function TeamFormPanel(props: { org: Org; team: Team | null; onDone: (saved: boolean) => void | Promise<void> }) {
  const api = useAdminApi();
  const creating = props.team === null;
  const { form, set, problems, invalid, serverError, saving, save } = createAdminForm<TeamForm>({
    initial: {
      name: props.team?.name ?? '',
      kind: props.team?.kind ?? 'industry',
      scope: props.team?.scope ?? '',
      leadId: props.team?.leadId ?? '',
    },
    what: 'team',
    check: teamProblems,
    send: (f) => {
      const req = { name: f.name.trim(), kind: f.kind, scope: f.scope, leadId: f.leadId === '' ? null : f.leadId };
      return creating ? api.createTeam(req) : api.updateTeam(props.team!.id, req);
    },
    onDone: props.onDone,
  });
  const scopes = createMemo<readonly string[]>(() => (form().kind === 'industry' ? INDUSTRIES : TOWNS));
  // A 队长 is a user with the team-lead role (give them the team in 用户 too, so they are a member).
  const leads = createMemo(() => props.org.users.filter((u) => u.role === 'team-lead' && !u.disabled));

  return (
    <AdminFormPanel
      testId="team"
      title={creating ? ad.teamFormNew : ad.teamFormEdit(props.team!.name)}
      save={save}
      serverError={serverError()}
      saving={saving()}
      onCancel={() => void props.onDone(false)}
    >
      <div class="admin-form-grid">
        <Field label={ad.teamName} for="tf-name" error={problems().name}>
          <input id="tf-name" data-testid="team-form-name" value={form().name} onInput={(e) => set('name', e.currentTarget.value)} aria-invalid={invalid('name')} />
        </Field>
        <Field label={ad.teamKind} for="tf-kind">
          <select
            id="tf-kind"
            data-testid="team-form-kind"
            value={form().kind}
            onChange={(e) => {
              set('kind', e.currentTarget.value as TeamForm['kind']);
              set('scope', '');
            }}
          >
            <For each={TEAM_KINDS}>{(k) => <option value={k} selected={k === form().kind}>{TEAM_KIND_LABELS[k]}</option>}</For>
          </select>
        </Field>
        <Field label={form().kind === 'industry' ? ad.teamScopeIndustry : ad.teamScopeTown} for="tf-scope" error={problems().scope}>
          <select id="tf-scope" data-testid="team-form-scope" value={form().scope} onChange={(e) => set('scope', e.currentTarget.value)} aria-invalid={invalid('scope')}>
            <option value="">—</option>
            <For each={scopes()}>{(s) => <option value={s} selected={s === form().scope}>{s}</option>}</For>
          </select>
        </Field>
        <Field label={ad.teamLead} for="tf-lead">
          <select id="tf-lead" data-testid="team-form-lead" value={form().leadId} onChange={(e) => set('leadId', e.currentTarget.value)}>
            <option value="">{ad.noLead}</option>
            <For each={leads()}>{(u) => <option value={u.id} selected={u.id === form().leadId}>{u.name}</option>}</For>
          </select>
        </Field>
      </div>
    </AdminFormPanel>
  );
}
