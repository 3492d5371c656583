/** 用户管理 (admin): the list, create / edit (password reset included), disable / enable. */
import { For, Show, createSignal } from 'solid-js';
import { ROLES, type Org, type OrgUser } from '@bangqi/shared';
import { Field } from '../../ui/Field.tsx';
import { AdminFormPanel, createAdminForm } from './AdminForm.tsx';
import { AdminTable } from './AdminTable.tsx';
import { AdminShell, Loaded, createAdminOrg, useAdminApi } from './AdminShell.tsx';
import { ROLE_LABELS, ad, apiErrorText } from './strings.ts';
import { userProblems, type UserForm } from './validate.ts';

export function UsersPage() {
  return (
    <AdminShell testId="admin-users" title={ad.usersTitle} roles={['admin']}>
      <Users />
    </AdminShell>
  );
}

function Users() {
  const api = useAdminApi();
  const { org, error, loading, reload } = createAdminOrg(api);
  /** null: no form; 'new'; or the user being edited */
  const [editing, setEditing] = createSignal<'new' | OrgUser | null>(null);
  const [rowError, setRowError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal<string | null>(null);
  const teamNames = (o: Org, ids: readonly string[]) =>
    ad.list(ids.map((id) => o.teams.find((t) => t.id === id)?.name ?? id)) || ad.noTeams;

  const toggleDisabled = async (u: OrgUser) => {
    if (!u.disabled && !confirm(ad.confirmDisable(u.name))) return;
    setBusy(u.id);
    setRowError(null);
    try {
      await api.updateUser(u.id, { disabled: !u.disabled });
      await reload();
    } catch (err) {
      setRowError(apiErrorText(err, 'user'));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Loaded loading={loading()} error={error()} ready={org() !== null} retry={() => void reload()}>
      <div class="admin-toolbar">
        <span class="muted">{ad.userCount(org()?.users.length ?? 0)}</span>
        <button type="button" class="primary" data-testid="user-new" onClick={() => setEditing('new')}>
          ＋ {ad.userNew}
        </button>
      </div>
      <Show when={editing()} keyed>
        {(target) => (
          <UserFormPanel
            org={org()!}
            user={target === 'new' ? null : target}
            onDone={async (saved) => {
              if (saved) await reload();
              setEditing(null);
            }}
          />
        )}
      </Show>
      <Show when={rowError()}>
        <p class="field-error" role="alert" data-testid="user-row-error">
          {rowError()}
        </p>
      </Show>
      <AdminTable
        rows={org()?.users.length ?? 0}
        empty={ad.usersEmpty}
        head={
          <>
            <th>{ad.name}</th>
            <th>{ad.username}</th>
            <th>{ad.role}</th>
            <th>{ad.teams}</th>
            <th>{ad.phone}</th>
            <th>{ad.status}</th>
            <th />
          </>
        }
      >
        <For each={org()!.users}>
          {(u) => (
            <tr data-testid="user-row" data-username={u.username} data-disabled={u.disabled ? '1' : '0'} classList={{ 'row-disabled': u.disabled }}>
              <td class="nowrap card-title">{u.name}</td>
              <td class="mono" data-label={ad.usernameShort}>
                {u.username}
              </td>
              <td class="nowrap card-head">
                {ROLE_LABELS[u.role]}
                <Show when={u.department}>
                  <span class="muted">{ad.inParens(u.department)}</span>
                </Show>
              </td>
              <td data-label={ad.teams}>{teamNames(org()!, u.teamIds)}</td>
              <td class="mono nowrap" data-label={ad.phone}>
                {u.phone || ad.none}
              </td>
              <td class="nowrap card-end">
                <span class="badge" classList={{ 'badge-warn': u.disabled }}>
                  {u.disabled ? ad.userDisabled : ad.userActive}
                </span>
              </td>
              <td class="admin-actions">
                <button type="button" data-testid="user-edit" onClick={() => setEditing(u)}>
                  {ad.userEdit}
                </button>
                <button type="button" data-testid="user-disable" disabled={busy() === u.id} onClick={() => void toggleDisabled(u)}>
                  {u.disabled ? ad.userEnable : ad.userDisable}
                </button>
              </td>
            </tr>
          )}
        </For>
      </AdminTable>
    </Loaded>
  );
}

function UserFormPanel(props: { org: Org; user: OrgUser | null; onDone: (saved: boolean) => void | Promise<void> }) {
  const api = useAdminApi();
  const creating = props.user === null;
  const { form, set, problems, invalid, serverError, saving, save } = createAdminForm<UserForm>({
    initial: {
      name: props.user?.name ?? '',
      username: props.user?.username ?? '',
      phone: props.user?.phone ?? '',
      role: props.user?.role ?? 'commissioner',
      teamIds: [...(props.user?.teamIds ?? [])],
      department: props.user?.department ?? '',
      password: '',
    },
    what: 'user',
    check: (f) => userProblems(f, creating),
    send: (f) => {
      const common = {
        name: f.name.trim(),
        role: f.role,
        phone: f.phone.trim(),
        teamIds: f.teamIds,
        department: f.role === 'handler' ? f.department.trim() : '',
      };
      if (creating) return api.createUser({ ...common, username: f.username.trim().toLowerCase(), password: f.password });
      return api.updateUser(props.user!.id, f.password ? { ...common, password: f.password } : common);
    },
    onDone: props.onDone,
  });
  const toggleTeam = (id: string, on: boolean) =>
    set('teamIds', on ? [...form().teamIds.filter((t) => t !== id), id] : form().teamIds.filter((t) => t !== id));
  const errorOf = (key: keyof UserForm) => ({ error: problems()[key], errorTestId: `user-form-error-${key}` });

  return (
    <AdminFormPanel
      testId="user"
      title={creating ? ad.userFormNew : ad.userFormEdit(props.user!.name)}
      save={save}
      serverError={serverError()}
      saving={saving()}
      onCancel={() => void props.onDone(false)}
    >
      <div class="admin-form-grid">
        <Field label={ad.name} for="uf-name" {...errorOf('name')}>
          <input id="uf-name" data-testid="user-form-name" value={form().name} onInput={(e) => set('name', e.currentTarget.value)} aria-invalid={invalid('name')} />
        </Field>
        <Field label={ad.username} for="uf-username" {...errorOf('username')}>
          <input
            id="uf-username"
            data-testid="user-form-username"
            value={form().username}
            disabled={!creating}
            autocapitalize="off"
            autocomplete="off"
            spellcheck={false}
            onInput={(e) => set('username', e.currentTarget.value)}
            aria-invalid={invalid('username')}
          />
        </Field>
        <Field label={ad.phone} for="uf-phone" {...errorOf('phone')}>
          <input id="uf-phone" data-testid="user-form-phone" inputmode="tel" value={form().phone} onInput={(e) => set('phone', e.currentTarget.value)} aria-invalid={invalid('phone')} />
        </Field>
        <Field label={ad.role} for="uf-role">
          <select id="uf-role" data-testid="user-form-role" value={form().role} onChange={(e) => set('role', e.currentTarget.value as UserForm['role'])}>
            <For each={ROLES}>{(r) => <option value={r} selected={r === form().role}>{ROLE_LABELS[r]}</option>}</For>
          </select>
        </Field>
        <Show when={form().role === 'handler'}>
          <Field label={ad.department} for="uf-department" {...errorOf('department')}>
            <input
              id="uf-department"
              data-testid="user-form-department"
              placeholder={ad.departmentPlaceholder}
              value={form().department}
              onInput={(e) => set('department', e.currentTarget.value)}
              aria-invalid={invalid('department')}
            />
          </Field>
        </Show>
        <Field label={creating ? ad.password : ad.passwordReset} for="uf-password" hint={<p class="muted small">{ad.passwordHint}</p>} {...errorOf('password')}>
          <input
            id="uf-password"
            data-testid="user-form-password"
            type="password"
            autocomplete="new-password"
            value={form().password}
            onInput={(e) => set('password', e.currentTarget.value)}
            aria-invalid={invalid('password')}
          />
        </Field>
      </div>
      <fieldset class="admin-teams-pick">
        <legend class="field-label">{ad.teams}</legend>
        <For each={props.org.teams}>
          {(team) => (
            <label>
              <input
                type="checkbox"
                data-testid="user-form-team"
                value={team.id}
                checked={form().teamIds.includes(team.id)}
                onChange={(e) => toggleTeam(team.id, e.currentTarget.checked)}
              />
              {team.name}
            </label>
          )}
        </For>
      </fieldset>
    </AdminFormPanel>
  );
}
