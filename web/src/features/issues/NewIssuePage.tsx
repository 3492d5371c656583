/**
 * 新建共性问题 (coordinators): a title, a description and at least two demands of at least two
 * enterprises. Created offline like everything else; opens the new issue. What is typed and picked is
 * kept as a draft on this device until the issue is created (a reload or a crash loses nothing).
 */
import { Show, createEffect, createMemo, createSignal } from 'solid-js';
import { A, useNavigate } from '@solidjs/router';
import { seesWholeDistrict } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { Field } from '../../ui/Field.tsx';
import { DemandPicker } from './DemandPicker.tsx';
import { MAX_TITLE, newIssueProblems, type IssueProblem } from './rules.ts';
import { s } from './strings.ts';
import './issues.css';

const PROBLEM_TEXT: Record<IssueProblem, string> = {
  title: s.errTitle,
  'title-long': s.errTitleLong,
  'too-few': s.errTooFew,
  'one-enterprise': s.errOneEnterprise,
};

interface IssueDraft {
  title: string;
  description: string;
  selected: string[];
}

function readDraft(text: string | null): IssueDraft {
  const empty: IssueDraft = { title: '', description: '', selected: [] };
  if (!text) return empty;
  try {
    const v = JSON.parse(text) as Partial<IssueDraft>;
    return {
      title: typeof v.title === 'string' ? v.title : '',
      description: typeof v.description === 'string' ? v.description : '',
      selected: Array.isArray(v.selected) ? v.selected.filter((x): x is string => typeof x === 'string') : [],
    };
  } catch {
    return empty;
  }
}

export function NewIssuePage() {
  const { issues, session, drafts } = useApp();
  const navigate = useNavigate();
  const draft = drafts.draft('issue-new');
  const saved = readDraft(draft.peek());
  const [title, setTitle] = createSignal(saved.title);
  const [description, setDescription] = createSignal(saved.description);
  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set(saved.selected));
  createEffect(() => {
    const value = { title: title(), description: description(), selected: [...selected()] };
    if (value.title === '' && value.description === '' && value.selected.length === 0) draft.clear();
    else draft.save(JSON.stringify(value));
  });
  const [tried, setTried] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [failed, setFailed] = createSignal('');
  const selectedRows = createMemo(() => {
    const byId = issues.demandById();
    return [...selected()].flatMap((id) => byId.get(id) ?? []);
  });
  const problems = createMemo(() => newIssueProblems(title(), selectedRows()));
  const shown = (p: IssueProblem[]) => (tried() ? problems().filter((x) => p.includes(x)).map((x) => PROBLEM_TEXT[x])[0] ?? null : null);
  const toggle = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const submit = async (e: Event) => {
    e.preventDefault();
    setTried(true);
    if (problems().length > 0 || busy()) return;
    setBusy(true);
    setFailed('');
    try {
      const id = await issues.create({ title: title().trim(), description: description().trim() }, [...selected()]);
      draft.clear();
      navigate(`/issues/${id}`);
    } catch (err) {
      setFailed(s.createFailed(err instanceof Error ? err.message : String(err)));
      setBusy(false);
    }
  };
  return (
    <section class="page issues-page">
      <A href="/issues" class="back">
        {s.back}
      </A>
      <h1>{s.newTitle}</h1>
      <Show when={seesWholeDistrict(session.user()?.role ?? 'commissioner')} fallback={<p class="empty">{s.notAllowed}</p>}>
        <form class="issue-form" onSubmit={submit} novalidate>
          <Field label={s.fieldTitle} for="issue-title" error={shown(['title', 'title-long'])} errorTestId="issue-title-error">
            <input
              id="issue-title"
              data-testid="issue-title"
              maxLength={MAX_TITLE + 10}
              placeholder={s.fieldTitleHint}
              value={title()}
              onInput={(e) => setTitle(e.currentTarget.value)}
            />
          </Field>
          <Field label={s.fieldDescription} for="issue-description">
            <textarea
              id="issue-description"
              data-testid="issue-description"
              rows={3}
              placeholder={s.fieldDescriptionHint}
              value={description()}
              onInput={(e) => setDescription(e.currentTarget.value)}
            />
          </Field>
          <fieldset class="issue-pick">
            <legend>{s.pickTitle}</legend>
            <p class="muted small">{s.pickHint}</p>
            <Show when={!issues.loading()} fallback={<p class="empty small">{s.loading}</p>}>
              <DemandPicker rows={issues.demandRows()} selected={selected()} onToggle={toggle} />
            </Show>
          </fieldset>
          <div class="issue-form-foot">
            <span class="muted" data-testid="issue-selected" data-count={selectedRows().length}>
              {s.selected(selectedRows().length, new Set(selectedRows().map((r) => r.enterpriseId)).size)}
            </span>
            <Show when={shown(['too-few', 'one-enterprise'])}>
              {(msg) => (
                <p class="field-error" role="alert" data-testid="issue-members-error">
                  {msg()}
                </p>
              )}
            </Show>
            <Show when={failed()}>
              <p class="field-error" role="alert">
                {failed()}
              </p>
            </Show>
            <div class="issue-actions">
              <button
                type="button"
                onClick={() => {
                  setTitle('');
                  setDescription('');
                  setSelected(new Set<string>());
                  draft.clear();
                  navigate('/issues');
                }}
              >
                {s.cancel}
              </button>
              <button type="submit" class="primary" disabled={busy()} data-testid="issue-create">
                {busy() ? s.creating : s.create}
              </button>
            </div>
          </div>
        </form>
      </Show>
    </section>
  );
}
