/**
 * 记录联席会议: date (today by default, never in the future), participating departments (the handler
 * departments of the org as checkboxes, plus free text), attendees, minutes and decisions. Kept as a
 * draft on the device while typed (minutes can be long), cleared when saved or cancelled.
 */
import { For, createEffect, createMemo, createSignal } from 'solid-js';
import type { Draft } from '../../storage/drafts.ts';
import { Field } from '../../ui/Field.tsx';
import { meetingDepartments, meetingProblems, type MeetingDraft, type MeetingProblem } from './rules.ts';
import { s } from './strings.ts';

const PROBLEM_TEXT: Record<MeetingProblem, string> = {
  date: s.errMeetingDate,
  'date-future': s.errMeetingDateFuture,
  departments: s.errMeetingDepartments,
  minutes: s.errMeetingMinutes,
};

interface FormState {
  date: string;
  checked: string[];
  other: string;
  attendees: string;
  minutes: string;
  decisions: string;
}

function readSaved(text: string | null): Partial<FormState> {
  if (!text) return {};
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
    return {
      date: str('date'),
      checked: Array.isArray(v.checked) ? v.checked.filter((x): x is string => typeof x === 'string') : undefined,
      other: str('other'),
      attendees: str('attendees'),
      minutes: str('minutes'),
      decisions: str('decisions'),
    };
  } catch {
    return {};
  }
}

export function MeetingForm(props: { departments: string[]; today: string; draft: Draft; onSave: (m: MeetingDraft) => void; onCancel: () => void }) {
  // Taken once, when the form opens: the saved draft, else today's date and empty fields.
  // eslint-disable-next-line solid/reactivity
  const saved = readSaved(props.draft.peek());
  // eslint-disable-next-line solid/reactivity
  const [date, setDate] = createSignal(saved.date ?? props.today);
  const [checked, setChecked] = createSignal<string[]>(saved.checked ?? []);
  const [other, setOther] = createSignal(saved.other ?? '');
  const [attendees, setAttendees] = createSignal(saved.attendees ?? '');
  const [minutes, setMinutes] = createSignal(saved.minutes ?? '');
  const [decisions, setDecisions] = createSignal(saved.decisions ?? '');
  createEffect(() => {
    const state: FormState = { date: date(), checked: checked(), other: other(), attendees: attendees(), minutes: minutes(), decisions: decisions() };
    const typed = state.checked.length > 0 || [state.other, state.attendees, state.minutes, state.decisions].some((x) => x.trim() !== '');
    if (typed) props.draft.save(JSON.stringify(state));
    else props.draft.clear();
  });
  const [tried, setTried] = createSignal(false);
  const draft = createMemo<MeetingDraft>(() => ({
    date: date(),
    departments: meetingDepartments(checked(), other()),
    attendees: attendees().trim(),
    minutes: minutes().trim(),
    decisions: decisions().trim(),
  }));
  const problems = createMemo(() => meetingProblems(draft(), props.today));
  const error = (which: MeetingProblem[]) => (tried() ? (problems().filter((p) => which.includes(p)).map((p) => PROBLEM_TEXT[p])[0] ?? null) : null);
  const toggle = (d: string, on: boolean) => setChecked((prev) => (on ? [...prev, d] : prev.filter((x) => x !== d)));
  const save = (e: Event) => {
    e.preventDefault();
    setTried(true);
    if (problems().length === 0) {
      props.onSave(draft());
      props.draft.clear();
    }
  };
  return (
    <form class="meeting-form" onSubmit={save} novalidate data-testid="meeting-form">
      <Field label={s.meetingDate} for="meeting-date" error={error(['date', 'date-future'])}>
        <input id="meeting-date" type="date" max={props.today} value={date()} onInput={(e) => setDate(e.currentTarget.value)} data-testid="meeting-date" />
      </Field>
      <Field label={s.meetingDepartments} hint={<span class="muted small">{s.meetingDepartmentsHint}</span>} error={error(['departments'])} errorTestId="meeting-departments-error">
        <div class="check-grid">
          <For each={props.departments}>
            {(d) => (
              <label class="check">
                <input type="checkbox" checked={checked().includes(d)} onChange={(e) => toggle(d, e.currentTarget.checked)} data-testid={`meeting-dept-${d}`} />
                {d}
              </label>
            )}
          </For>
        </div>
        <input aria-label={s.meetingOtherDepartments} placeholder={s.meetingOtherDepartments} value={other()} onInput={(e) => setOther(e.currentTarget.value)} data-testid="meeting-other-depts" />
      </Field>
      <Field label={s.meetingAttendees} for="meeting-attendees">
        <input id="meeting-attendees" value={attendees()} onInput={(e) => setAttendees(e.currentTarget.value)} data-testid="meeting-attendees" />
      </Field>
      <Field label={s.meetingMinutes} for="meeting-minutes" error={error(['minutes'])}>
        <textarea id="meeting-minutes" rows={4} value={minutes()} onInput={(e) => setMinutes(e.currentTarget.value)} data-testid="meeting-minutes" />
      </Field>
      <Field label={s.meetingDecisions} for="meeting-decisions">
        <textarea id="meeting-decisions" rows={3} value={decisions()} onInput={(e) => setDecisions(e.currentTarget.value)} data-testid="meeting-decisions" />
      </Field>
      <div class="issue-actions">
        <button
          type="button"
          onClick={() => {
            props.draft.clear();
            props.onCancel();
          }}
        >
          {s.meetingCancel}
        </button>
        <button type="submit" class="primary" data-testid="meeting-save">
          {s.meetingSave}
        </button>
      </div>
    </form>
  );
}
