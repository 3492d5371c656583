/**
 * 记录联席会议: date (today by default, never in the future), participating departments (the handler
 * departments of the org as checkboxes, plus free text), attendees, minutes and decisions.
 */
import { For, createMemo, createSignal } from 'solid-js';
import { Field } from '../../ui/Field.tsx';
import { meetingDepartments, meetingProblems, type MeetingDraft, type MeetingProblem } from './rules.ts';
import { s } from './strings.ts';

const PROBLEM_TEXT: Record<MeetingProblem, string> = {
  date: s.errMeetingDate,
  'date-future': s.errMeetingDateFuture,
  departments: s.errMeetingDepartments,
  minutes: s.errMeetingMinutes,
};

export function MeetingForm(props: { departments: string[]; today: string; onSave: (m: MeetingDraft) => void; onCancel: () => void }) {
  // eslint-disable-next-line solid/reactivity -- the default date is taken once, when the form opens
  const [date, setDate] = createSignal(props.today);
  const [checked, setChecked] = createSignal<string[]>([]);
  const [other, setOther] = createSignal('');
  const [attendees, setAttendees] = createSignal('');
  const [minutes, setMinutes] = createSignal('');
  const [decisions, setDecisions] = createSignal('');
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
    if (problems().length === 0) props.onSave(draft());
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
        <button type="button" onClick={() => props.onCancel()}>
          {s.meetingCancel}
        </button>
        <button type="submit" class="primary" data-testid="meeting-save">
          {s.meetingSave}
        </button>
      </div>
    </form>
  );
}
