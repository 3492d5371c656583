/**
 * 走访记录 on the enterprise file: an unfinished draft offered back (继续填写 / 放弃), 记录走访 opening the
 * form, and the file's visits, newest first — each expands into its detail (`?visit=<id>` opens one, so
 * 我的走访 and the team view link straight to it).
 */
import { For, Show, createMemo, createSignal } from 'solid-js';
import { useSearchParams } from '@solidjs/router';
import { chinaDay, geoStamp, openPlanFor, type EnterpriseProfile, type VisitRecord } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import type { RaiseTarget } from '../../state/demands.ts';
import { browserVisitDrafts, createFileVisits, draftFromVisit, draftToEdit, newDraft, type VisitDraft } from '../../state/visits.ts';
import { dateTime } from '../../ui/strings.ts';
import { actorName } from '../assignment/strings.ts';
import { VisitDetail } from './VisitDetail.tsx';
import { VisitForm } from './VisitForm.tsx';
import { locate } from './geolocate.ts';
import { districtSettings } from './settings.ts';
import { FLAG_TEXT, v } from './strings.ts';
import './visits.css';

const RECENT = 5;

export function VisitsSection(props: { id: string; profile: () => EnterpriseProfile }) {
  const app = useApp();
  const { docs, auth, org, enterprises } = app;
  const me = () => auth.user()?.id ?? '';
  const drafts = browserVisitDrafts(me());
  const visits = createFileVisits(docs, props.id, me);
  const [search, setSearch] = useSearchParams<{ visit?: string }>();
  const [pending, setPending] = createSignal<VisitDraft | null>(drafts.load(props.id));
  const [editing, setEditing] = createSignal<VisitDraft | null>(null);
  const [showAll, setShowAll] = createSignal(false);
  const [savedNotice, setSavedNotice] = createSignal<string | null>(null);
  const open = () => search.visit ?? '';
  const toggle = (id: string) => setSearch({ visit: open() === id ? undefined : id }, { replace: true });
  const shown = createMemo(() => {
    const all = visits.visits();
    if (showAll()) return all;
    const recent = all.slice(0, RECENT);
    const linked = all.find((x) => x.id === open());
    return linked && !recent.includes(linked) ? [...recent, linked] : recent;
  });
  // The open plan of mine this visit most likely carries out (走访计划), offered in the form.
  const plan = createMemo(() => {
    const row = enterprises.rows().find((r) => r.id === props.id);
    return row ? openPlanFor(row, me(), chinaDay(Date.now())) : null;
  });
  /** 签退 on a saved visit (the commissioner saved before leaving the yard). */
  const checkOut = async (visit: VisitRecord) => {
    const p = props.profile();
    const stamp = geoStamp(await locate(), { lat: p.lat, lng: p.lng }, districtSettings(app), Date.now());
    visits.update(visit.id, { checkOut: stamp });
  };
  const start = (d: VisitDraft) => {
    setPending(null);
    setSavedNotice(null);
    setEditing(d);
  };
  const close = () => {
    setEditing(null);
    setPending(drafts.load(props.id));
  };
  const enterprise = () => {
    const p = props.profile();
    return { name: p.name, lat: p.lat, lng: p.lng, town: p.town, address: p.address };
  };
  const who = (id: string) => actorName(id, org.userName);

  return (
    <section class="file-section visits-section" data-testid="visits-section" aria-labelledby="visits-title">
      <div class="visits-head">
        <h2 id="visits-title">{v.section}</h2>
        <span class="muted small" data-testid="visit-count" data-count={visits.visits().length}>
          {v.count(visits.visits().length)}
        </span>
        <Show when={!editing() && !pending()}>
          <button type="button" class="primary" data-testid="visit-new" onClick={() => start(newDraft(props.id, me(), Date.now(), plan()?.id ?? ''))}>
            {v.record}
          </button>
        </Show>
      </div>
      <Show when={savedNotice()}>
        {(text) => (
          <p class="ok-message" role="status" data-testid="visit-saved">
            {text()}
          </p>
        )}
      </Show>
      <Show when={!editing() && pending()}>
        {(d) => (
          <div class="notice draft-offer" role="alert" data-testid="visit-draft-offer">
            <span>{d().editOf ? v.draftEditOffer(dateTime(d().startedAt)) : v.draftOffer(dateTime(d().startedAt))}</span>
            <span class="inline-actions">
              <button type="button" class="primary" data-testid="visit-draft-resume" onClick={() => start(d())}>
                {v.draftResume}
              </button>
              <button
                type="button"
                data-testid="visit-draft-discard"
                onClick={() => {
                  if (!confirm(v.draftDiscardConfirm)) return;
                  drafts.clear(props.id);
                  setPending(null);
                }}
              >
                {v.draftDiscard}
              </button>
            </span>
          </div>
        )}
      </Show>
      <Show when={editing()} keyed>
        {(d) => (
          <VisitForm
            enterprise={enterprise}
            plan={plan}
            initial={d}
            drafts={drafts}
            onSave={async (input, draft) => {
              if (draft.editOf) visits.update(draft.editOf.id, draftToEdit(draft));
              else visits.add(input);
              // In the doc now; written to IndexedDB before this resolves. A failed write (full disk) stays in
              // the doc store's journal, is merged into its next write and shows in the sync status.
              await visits.flush();
              setSavedNotice(draft.editOf ? v.editSaved : v.saved);
            }}
            onClose={close}
          />
        )}
      </Show>
      <Show when={visits.visits().length > 0} fallback={<p class="muted small">{v.empty}</p>}>
        <ul class="visit-list" data-testid="visit-list">
          <For each={shown()}>
            {(visit) => (
              <VisitItem
                visit={visit}
                enterprise={{ id: props.id, name: props.profile().name, town: props.profile().town }}
                open={open() === visit.id}
                onToggle={() => toggle(visit.id)}
                onVoid={(r) => visits.void(visit.id, r)}
                onCheckOut={visit.checkIn && !visit.checkOut && !visit.voidReason && visit.visitors.includes(me()) ? () => checkOut(visit) : undefined}
                onEdit={
                  !editing() && !pending() && !visit.voidReason && (visit.visitors.includes(me()) || visit.createdBy === me())
                    ? () => start(draftFromVisit(props.id, visit, Date.now()))
                    : undefined
                }
                who={who}
              />
            )}
          </For>
        </ul>
        <Show when={visits.visits().length > RECENT}>
          <button type="button" class="link" data-testid="visit-show-all" onClick={() => setShowAll(!showAll())}>
            {showAll() ? v.showLess : v.showAll(visits.visits().length)}
          </button>
        </Show>
      </Show>
    </section>
  );
}

function VisitItem(props: {
  visit: VisitRecord;
  enterprise: RaiseTarget;
  open: boolean;
  onToggle: () => void;
  onVoid: (reason: string) => void;
  onCheckOut?: () => Promise<void>;
  onEdit?: () => void;
  who: (id: string) => string;
}) {
  const flags = () => (props.visit.checkIn ? props.visit.checkIn.flags : []);
  return (
    <li class="visit-item" classList={{ voided: !!props.visit.voidReason }} data-testid="visit-item" data-id={props.visit.id}>
      <button type="button" class="visit-summary" aria-expanded={props.open} data-testid="visit-toggle" onClick={() => props.onToggle()}>
        <span class="visit-when">{dateTime(props.visit.visitedAt)}</span>
        <span class="badge">{props.visit.type}</span>
        <span class="visit-who">{props.visit.visitors.map(props.who).join('、')}</span>
        <span class="visit-what">{props.visit.purpose || props.visit.findings}</span>
        <span class="visit-badges">
          <Show when={props.visit.voidReason}>
            <span class="badge badge-warn">{v.voided}</span>
          </Show>
          <Show when={!props.visit.checkIn}>
            <span class="badge badge-warn">{v.noGps}</span>
          </Show>
          <For each={flags()}>{(f) => <span class="badge badge-warn">{FLAG_TEXT[f]}</span>}</For>
          <Show when={props.visit.photos.length > 0}>
            <span class="badge">{v.photosCount(props.visit.photos.length)}</span>
          </Show>
        </span>
      </button>
      <Show when={props.open}>
        <VisitDetail visit={props.visit} enterprise={props.enterprise} onVoid={props.onVoid} onCheckOut={props.onCheckOut} onEdit={props.onEdit} />
      </Show>
    </li>
  );
}
