/**
 * The enterprise file page: loads the doc (only this one), edits write to it as the user types, and
 * changes from another device show up live. Sections: merge notice, profile, contacts, licences,
 * 一企一策一人, timeline (components in features/file).
 */
import { For, Match, Show, Switch, createMemo, createSignal, onCleanup } from 'solid-js';
import { A, useParams, useSearchParams } from '@solidjs/router';
import { INDUSTRIES, TOWNS, checkUscc, isDocId, normalizeUscc } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { ContactsSection } from '../file/ContactsSection.tsx';
import { LicencesSection } from '../file/LicencesSection.tsx';
import { MergeNotice } from '../file/MergeNotice.tsx';
import { ProfileFacts, ProfileIdentity } from '../file/ProfileExtras.tsx';
import { Timeline } from '../file/Timeline.tsx';
import { f as fileStrings } from '../file/strings.ts';
import '../file/file.css';
import { createEnterpriseFile, type EnterpriseFile } from '../../state/enterpriseFile.ts';
import { Field } from '../../ui/Field.tsx';
import { NotFound } from '../../ui/NotFound.tsx';
import { dateTime, t, usccProblemText } from '../../ui/strings.ts';
import { DocTextField } from './DocTextField.tsx';
import { TagEditor } from './TagEditor.tsx';
import { AssignmentSection, AssignmentSummary } from '../assignment/AssignmentSection.tsx';
import { actorName } from '../assignment/strings.ts';
import { FilePlansSection } from '../plans/FilePlansSection.tsx';
import { VisitsSection } from '../visits/index.ts';
import { FileDemandsSection } from '../demands/FileDemandsSection.tsx';
import { FilePoliciesSection } from '../policies/match/FilePoliciesSection.tsx';

function Select(props: { id: string; testId: string; value: string; options: readonly string[]; onChange: (v: string) => void }) {
  const options = () => (props.value && !props.options.includes(props.value) ? [props.value, ...props.options] : props.options);
  return (
    <select id={props.id} data-testid={props.testId} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
      <option value="">{t.choose}</option>
      <For each={options()}>{(o) => <option value={o} selected={o === props.value}>{o}</option>}</For>
    </select>
  );
}

function FileForm(props: { id: string; file: EnterpriseFile; registerFlush: (f: () => void) => () => void }) {
  const { drafts, org, enterprises } = useApp();
  const f = props.file;
  const p = f.profile;
  const [usccDraft, setUsccDraft] = createSignal<string | null>(null);
  const usccProblem = createMemo(() => {
    const code = normalizeUscc(usccDraft() ?? p().uscc);
    return code ? checkUscc(code) : null;
  });
  // A valid USCC that another local file already has: link to it (one enterprise, one file).
  const duplicate = createMemo(() => {
    const code = normalizeUscc(usccDraft() ?? p().uscc);
    if (!code || usccProblem()) return null;
    return enterprises.rows().find((r) => r.uscc === code && r.id !== props.id) ?? null;
  });
  return (
    <form class="file-form" onSubmit={(e) => e.preventDefault()}>
      <Field label={t.fieldName} for="f-name">
        <DocTextField id="f-name" testId="field-name" value={p().name} commit={(v) => f.setField('name', v.trim())} registerFlush={props.registerFlush} draft={drafts.draft(`${props.id}:name`)} />
      </Field>
      <Field
        label={t.fieldUscc}
        for="f-uscc"
        hint={
          <>
            <Show when={usccProblem()}>
              {(problem) => (
                <p class="field-error" id="f-uscc-error" data-testid="uscc-error" role="alert">
                  {usccProblemText(problem())}
                </p>
              )}
            </Show>
            <Show when={duplicate()}>
              {(other) => (
                <p class="field-warn" data-testid="uscc-duplicate" role="status">
                  {fileStrings.duplicateUscc}
                  <A href={`/enterprises/${other().id}`}>{other().name || t.unnamed}</A>
                </p>
              )}
            </Show>
          </>
        }
      >
        <DocTextField
          id="f-uscc"
          testId="field-uscc"
          value={p().uscc}
          commit={(v) => {
            f.setField('uscc', normalizeUscc(v));
            setUsccDraft(null);
          }}
          onDraft={setUsccDraft}
          registerFlush={props.registerFlush}
          draft={drafts.draft(`${props.id}:uscc`)}
          invalid={usccProblem() !== null}
          describedBy={usccProblem() ? 'f-uscc-error' : undefined}
          autocapitalize="characters"
          placeholder="18位，例如 91371302MA3C4L5Q0X"
        />
      </Field>
      <ProfileIdentity id={props.id} file={f} registerFlush={props.registerFlush} />
      <div class="field-pair">
        <Field label={t.fieldTown} for="f-town">
          <Select id="f-town" testId="field-town" value={p().town} options={TOWNS} onChange={(v) => f.setField('town', v)} />
        </Field>
        <Field label={t.fieldIndustry} for="f-industry">
          <Select id="f-industry" testId="field-industry" value={p().industry} options={INDUSTRIES} onChange={(v) => f.setField('industry', v)} />
        </Field>
      </div>
      <ProfileFacts file={f} />
      <Field label={t.fieldTags}>
        <TagEditor tags={p().tags} setTag={f.setTag} />
      </Field>
      <Field label={t.fieldNote} for="f-note">
        <DocTextField id="f-note" testId="field-note" multiline value={p().note} commit={f.setNote} registerFlush={props.registerFlush} draft={drafts.draft(`${props.id}:note`)} />
      </Field>
      <Show when={p().updatedAt > 0}>
        <p class="muted small">{t.updatedBy(actorName(p().updatedBy, org.userName), dateTime(p().updatedAt))}</p>
      </Show>
    </form>
  );
}

export function FilePage() {
  const params = useParams<{ id: string }>();
  return (
    <Show when={isDocId(params.id)} fallback={<FileNotFound />}>
      {/* keyed on the id: a new id gets a new file (the old doc is flushed and released) */}
      <Show when={params.id} keyed>
        {(id) => <OpenFile id={id} />}
      </Show>
    </Show>
  );
}

const FileNotFound = () => <NotFound testId="file-not-found" title={t.fileNotFound} hint={t.fileNotFoundHint} />;

function OpenFile(props: { id: string }) {
  const { docs, auth, sync, flush } = useApp();
  const fieldFlushes = new Set<() => void>();
  const file = createEnterpriseFile(docs, props.id, {
    user: auth.user,
    settled: () => sync.status().caughtUp || sync.status().connection === 'offline',
  });
  // Registered after the file, so (cleanups run in reverse) fields flush into the doc before it is released.
  const unregister = flush.register(() => fieldFlushes.forEach((f) => f()));
  onCleanup(() => {
    fieldFlushes.forEach((f) => f());
    unregister();
  });
  const registerFlush = (f: () => void) => {
    fieldFlushes.add(f);
    return () => fieldFlushes.delete(f);
  };
  const [search] = useSearchParams();
  const others = () =>
    file
      .others()
      .map((o) => o.user?.name)
      .filter((n): n is string => !!n);
  return (
    <Switch>
      <Match when={file.status() === 'loading'}>
        <p class="empty" data-testid="file-loading">
          {t.fileLoading}
        </p>
      </Match>
      <Match when={file.status() === 'not-found'}>
        <FileNotFound />
      </Match>
      <Match when={file.status() === 'ready'}>
        <section class="file-page" data-testid="file-page" data-id={props.id}>
          <div class="file-head">
            <A href="/" class="back">
              ‹ {t.back}
            </A>
            <Show when={others().length > 0}>
              <span class="presence" data-testid="presence">
                {t.alsoViewing([...new Set(others())].join('、'))}
              </span>
            </Show>
          </div>
          <h1 class="file-title">{file.profile().name || t.unnamed}</h1>
          <AssignmentSummary file={file} />
          <Show when={search.existed}>
            <p class="notice" data-testid="file-existed" role="status">
              {fileStrings.existedNotice}
            </p>
          </Show>
          <MergeNotice file={file} />
          <VisitsSection id={props.id} profile={file.profile} />
          <FileForm id={props.id} file={file} registerFlush={registerFlush} />
          <ContactsSection file={file} />
          <LicencesSection file={file} />
          <AssignmentSection id={props.id} file={file} registerFlush={registerFlush} />
          <FilePlansSection id={props.id} />
          <FileDemandsSection id={props.id} file={file} />
          <FilePoliciesSection id={props.id} profile={file.profile} />
          <Timeline file={file} />
        </section>
      </Match>
    </Switch>
  );
}
