/**
 * The visit form. Every change is written to the draft synchronously (localStorage) before anything else,
 * so a reload, a crash or a closed tab loses nothing; photos go to the blobs table the moment they are
 * taken (the draft keeps their hashes). GPS stamps are recorded, flagged, and never block saving. A full
 * disk stops photos only: the message says so and the text is still kept and saved.
 */
import { PolicyPicker } from '../policies/match/PolicyPicker.tsx';
import { For, Index, Show, createMemo, createSignal } from 'solid-js';
import { Reason, VISIT_TYPES, type PlanSummary, chinaDay, dwellMs, geoStamp, visitInputProblems, type PhotoRef, type VisitFigures, type VisitInput, type VisitProblem, type VisitType } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { draftToInput, type VisitDraft, type VisitDraftStore } from '../../state/visits.ts';
import { StorageFullError } from '../../storage/quota.ts';
import { sha256Hex } from '../../blobs/hash.ts';
import { preparePhoto } from '../../photos/prepare.ts';
import { reasonText } from '../../ui/strings.ts';
import { GeoStampView } from './GeoStampView.tsx';
import { PhotoThumb } from './PhotoThumb.tsx';
import { locate } from './geolocate.ts';
import { districtSettings } from './settings.ts';
import { FIGURE_LABELS, problemText, v } from './strings.ts';

export interface VisitEnterprise {
  name: string;
  lat: number | null;
  lng: number | null;
  town: string;
  address: string;
}

const FIGURES = Object.keys(FIGURE_LABELS) as (keyof VisitFigures)[];

/** Which field a problem belongs under. */
function problemField(p: VisitProblem): string {
  switch (p.code) {
    case 'visit.visitors':
      return 'visitors';
    case 'visit.content':
      return 'purpose';
    case 'visit.time':
      return 'visitedAt';
    case 'visit.figure':
      return `figure-${p.field}`;
    case 'visit.next-format':
    case 'visit.next-past':
      return 'nextVisitOn';
    case 'visit.too-long':
      return p.field;
  }
}

export function VisitForm(props: {
  enterprise: () => VisitEnterprise;
  /** the open plan this visit may carry out (走访计划), null when none */
  plan: () => PlanSummary | null;
  initial: VisitDraft;
  drafts: VisitDraftStore;
  /** writes the visit (the caller flushes it to IndexedDB); returns its id */
  onSave: (input: VisitInput, draft: VisitDraft) => Promise<void>;
  onClose: () => void;
}) {
  const app = useApp();
  const { org, auth, blobs } = app;
  const me = () => auth.user()?.id ?? '';
  // eslint-disable-next-line solid/reactivity -- the initial draft seeds the form once
  const [draft, setDraft] = createSignal<VisitDraft>(props.initial);
  const [problems, setProblems] = createSignal<VisitProblem[]>([]);
  const [locating, setLocating] = createSignal<'in' | 'out' | null>(null);
  const [processing, setProcessing] = createSignal(0);
  const [photoError, setPhotoError] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);
  const [draftFailed, setDraftFailed] = createSignal(false);

  /** The one way the form changes: state, then the draft, synchronously. */
  const patch = (p: Partial<VisitDraft>) => {
    const next = { ...draft(), ...p };
    setDraft(next);
    setDraftFailed(!props.drafts.save(next));
    if (problems().length > 0) setProblems(check(next));
  };
  const now = () => Date.now();
  // Correcting an old visit: its next-visit day, unchanged, may lie in the past by now.
  const check = (d: VisitDraft) =>
    visitInputProblems(draftToInput(d), chinaDay(now()), now()).filter((p) => !(p.code === 'visit.next-past' && d.editOf && d.nextVisitOn === d.editOf.nextVisitOn));
  const errorOf = (field: string) => {
    const p = problems().find((x) => problemField(x) === field);
    return p ? problemText(p) : null;
  };

  // Colleagues to pick: my teams' members first, then everyone else who visits enterprises.
  const colleagues = createMemo(() => {
    const users = (org.org()?.users ?? []).filter((u) => !u.disabled && (u.role === 'commissioner' || u.role === 'team-lead' || u.role === 'coordinator'));
    const mine = new Set(auth.user()?.teamIds ?? []);
    const score = (id: string, teamIds: string[]) => (id === me() ? 0 : teamIds.some((x) => mine.has(x)) ? 1 : 2);
    return users.sort((a, b) => score(a.id, a.teamIds) - score(b.id, b.teamIds) || a.name.localeCompare(b.name, 'zh'));
  });
  const toggleVisitor = (id: string) => {
    const list = draft().visitors;
    patch({ visitors: list.includes(id) ? list.filter((x) => x !== id) : [...list, id] });
  };

  // 涉企检查报备: an inspection visit should carry out an inspection filed ahead (a warning, not a block).
  const unfiledInspection = () => {
    const p = props.plan();
    return draft().type === '执法检查' && !(p && p.type === '执法检查' && draft().planId === p.id);
  };

  const stamp = async (which: 'in' | 'out') => {
    setLocating(which);
    const result = await locate();
    const e = props.enterprise();
    const s = geoStamp(result, { lat: e.lat, lng: e.lng }, districtSettings(app), Date.now());
    setLocating(null);
    patch(which === 'in' ? { checkIn: s } : { checkOut: s });
  };

  const place = () => {
    const s = draft().checkIn;
    const e = props.enterprise();
    if (s && s.lat !== null && s.lng !== null) return `${s.lat.toFixed(5)}, ${s.lng.toFixed(5)}`;
    return [e.town, e.address].filter(Boolean).join(' ');
  };

  // The same picture picked twice: each pick gets its own watermark time, so the compressed copies
  // differ; the original's hash tells it is the same photo (this form's session; QA6).
  const addedSources = new Map<string, string>();
  const addPhotos = async (files: FileList | null, input: HTMLInputElement) => {
    const list = files ? [...files] : [];
    input.value = '';
    if (list.length === 0) return;
    setPhotoError(null);
    setProcessing((n) => n + list.length);
    for (const file of list) {
      try {
        const source = await sha256Hex(file);
        const earlier = addedSources.get(source);
        if (earlier !== undefined && draft().photos.some((p) => p.hash === earlier)) {
          setPhotoError(v.photoDuplicate(file.name || ''));
          continue;
        }
        const takenAt = Date.now();
        const prepared = await preparePhoto(file, { at: takenAt, enterpriseName: props.enterprise().name, place: place() });
        const { hash, bytes } = await blobs.put(prepared.blob, 'image/jpeg');
        addedSources.set(source, hash);
        if (!draft().photos.some((p) => p.hash === hash)) {
          const ref: PhotoRef = { hash, bytes, width: prepared.width, height: prepared.height, mime: 'image/jpeg', takenAt, caption: '' };
          patch({ photos: [...draft().photos, ref] });
        }
      } catch (err) {
        if (err instanceof StorageFullError || (err as { reason?: string }).reason === Reason.QuotaExceeded) {
          setPhotoError(reasonText(Reason.QuotaExceeded));
        } else {
          console.warn('[visits] photo failed', err);
          setPhotoError(v.photoFailed(file.name || ''));
        }
      } finally {
        setProcessing((n) => n - 1);
      }
    }
  };
  const setCaption = (hash: string, caption: string) => patch({ photos: draft().photos.map((p) => (p.hash === hash ? { ...p, caption } : p)) });
  const removePhoto = (hash: string) => patch({ photos: draft().photos.filter((p) => p.hash !== hash) });

  const save = async (e: Event) => {
    e.preventDefault();
    if (saving()) return;
    const d = draft();
    const found = check(d);
    setProblems(found);
    if (found.length > 0) {
      queueMicrotask(() => document.querySelector<HTMLElement>('.visit-form [aria-invalid="true"]')?.focus());
      return;
    }
    setSaving(true);
    try {
      await props.onSave(draftToInput(d), d);
      props.drafts.clear(d.enterpriseId);
      props.onClose();
    } finally {
      setSaving(false);
    }
  };

  const textArea = (field: 'purpose' | 'findings' | 'situation' | 'policies', label: string, placeholder = '') => (
    <div class="field">
      <label class="field-label" for={`v-${field}`}>
        {label}
      </label>
      <textarea
        id={`v-${field}`}
        data-testid={`visit-${field}`}
        rows={3}
        maxlength={5000}
        placeholder={placeholder}
        value={draft()[field]}
        aria-invalid={errorOf(field) ? 'true' : undefined}
        onInput={(ev) => patch({ [field]: ev.currentTarget.value })}
      />
      <Show when={errorOf(field)}>{(m) => <p class="field-error" role="alert" data-testid={`visit-error-${field}`}>{m()}</p>}</Show>
    </div>
  );

  return (
    <form class="visit-form" data-testid="visit-form" onSubmit={save} novalidate>
      <div class="visit-form-head">
        <h3>{draft().editOf ? v.editTitle : v.formTitle}</h3>
        <span class="muted small" data-testid="visit-draft-state">
          {draftFailed() ? '' : v.draftSaved}
        </span>
      </div>

      <div class="field-pair visit-pair">
        <div class="field">
          <label class="field-label" for="v-type">
            {v.type}
          </label>
          <select id="v-type" data-testid="visit-type" value={draft().type} onChange={(ev) => patch({ type: ev.currentTarget.value as VisitType })}>
            <For each={VISIT_TYPES}>{(type) => <option value={type} selected={type === draft().type}>{type}</option>}</For>
          </select>
          <Show when={unfiledInspection()}>
            <p class="field-warn" role="status" data-testid="visit-inspection-unfiled">
              {v.inspectionUnfiled(districtSettings(app).inspectionNoticeDays)}
            </p>
          </Show>
        </div>
        <div class="field">
          <label class="field-label" for="v-at">
            {v.visitedAt}
          </label>
          <input
            id="v-at"
            type="datetime-local"
            data-testid="visit-at"
            value={draft().visitedAt}
            aria-invalid={errorOf('visitedAt') ? 'true' : undefined}
            onInput={(ev) => patch({ visitedAt: ev.currentTarget.value })}
          />
          <Show when={errorOf('visitedAt')}>{(m) => <p class="field-error" role="alert">{m()}</p>}</Show>
        </div>
      </div>

      <Show when={props.plan()}>
        {(p) => (
          <label class="visit-plan">
            <input
              type="checkbox"
              data-testid="visit-plan"
              checked={draft().planId === p().id}
              onChange={(ev) => patch({ planId: ev.currentTarget.checked ? p().id : '' })}
            />
            <span>{v.planLink(p().plannedOn, p().type)}</span>
          </label>
        )}
      </Show>

      <fieldset class="visit-gps" data-testid="visit-gps">
        <legend class="field-label">{v.gps}</legend>
        {/* Stamps of a saved visit are not re-taken from wherever it is being corrected (签退 stays on the detail). */}
        <div class="inline-actions" hidden={!!draft().editOf}>
          <button type="button" data-testid="visit-checkin" disabled={locating() !== null} onClick={() => void stamp('in')}>
            {locating() === 'in' ? v.locating : draft().checkIn ? `${v.retake}（${v.checkIn}）` : v.checkIn}
          </button>
          <button type="button" data-testid="visit-checkout" disabled={locating() !== null || !draft().checkIn} onClick={() => void stamp('out')}>
            {locating() === 'out' ? v.locating : draft().checkOut ? `${v.retake}（${v.checkOut}）` : v.checkOut}
          </button>
        </div>
        <Show when={draft().checkIn}>{(s) => <GeoStampView label={v.checkedIn} stamp={s()} testId="visit-checkin-stamp" />}</Show>
        <Show when={draft().checkOut}>{(s) => <GeoStampView label={v.checkedOut} stamp={s()} testId="visit-checkout-stamp" />}</Show>
        <Show when={dwellMs(draft().checkIn, draft().checkOut) > 0}>
          <p class="small" data-testid="visit-dwell">
            {v.dwell(v.minutes(dwellMs(draft().checkIn, draft().checkOut)))}
          </p>
        </Show>
        <p class="muted small">{v.gpsHint}</p>
      </fieldset>

      <div class="field">
        <span class="field-label" id="v-visitors-label">
          {v.visitors}
        </span>
        <div class="tag-list" role="group" aria-labelledby="v-visitors-label" data-testid="visit-visitors">
          <For each={colleagues()}>
            {(u) => (
              <button
                type="button"
                class="tag"
                classList={{ 'tag-on': draft().visitors.includes(u.id) }}
                aria-pressed={draft().visitors.includes(u.id)}
                data-testid="visit-visitor"
                data-id={u.id}
                onClick={() => toggleVisitor(u.id)}
              >
                {u.name}
              </button>
            )}
          </For>
        </div>
        <Show when={errorOf('visitors')}>{(m) => <p class="field-error" role="alert">{m()}</p>}</Show>
        <p class="muted small">{v.visitorsHint}</p>
      </div>

      <div class="field">
        <label class="field-label" for="v-companions">
          {v.companions}
        </label>
        <input
          id="v-companions"
          type="text"
          data-testid="visit-companions"
          maxlength={5000}
          placeholder={v.companionsPlaceholder}
          value={draft().companions}
          onInput={(ev) => patch({ companions: ev.currentTarget.value })}
        />
      </div>

      {textArea('purpose', v.purpose)}
      {textArea('findings', v.findings)}
      {textArea('situation', v.situation)}

      <fieldset class="visit-figures">
        <legend class="field-label">{v.figures}</legend>
        <div class="visit-figure-grid">
          <For each={FIGURES}>
            {(k) => (
              <div class="field">
                <label class="field-label" for={`v-fig-${k}`}>
                  {FIGURE_LABELS[k]}
                </label>
                <input
                  id={`v-fig-${k}`}
                  type="text"
                  inputmode="decimal"
                  data-testid={`visit-figure-${k}`}
                  value={draft().figures[k]}
                  aria-invalid={errorOf(`figure-${k}`) ? 'true' : undefined}
                  onInput={(ev) => patch({ figures: { ...draft().figures, [k]: ev.currentTarget.value } })}
                />
                <Show when={errorOf(`figure-${k}`)}>{(m) => <p class="field-error" role="alert" data-testid="visit-figure-error">{m()}</p>}</Show>
              </div>
            )}
          </For>
        </div>
      </fieldset>

      <div class="field">
        <span class="field-label">{v.demands}</span>
        <ol class="visit-demands" data-testid="visit-demands">
          <Index each={draft().demandItems}>
            {(item, i) => (
              <li class="inline-add">
                <input
                  type="text"
                  data-testid="visit-demand"
                  aria-label={`${v.demands} ${i + 1}`}
                  maxlength={5000}
                  placeholder={v.demandPlaceholder}
                  value={item()}
                  onInput={(ev) => patch({ demandItems: draft().demandItems.map((x, j) => (j === i ? ev.currentTarget.value : x)) })}
                />
                <button type="button" class="link danger" aria-label={v.demandRemove(i + 1)} onClick={() => patch({ demandItems: draft().demandItems.filter((_, j) => j !== i) })}>
                  {v.remove}
                </button>
              </li>
            )}
          </Index>
        </ol>
        <div>
          <button
            type="button"
            data-testid="visit-demand-add"
            onClick={() => {
              patch({ demandItems: [...draft().demandItems, ''] });
              queueMicrotask(() => [...document.querySelectorAll<HTMLInputElement>('[data-testid="visit-demand"]')].pop()?.focus());
            }}
          >
            + {v.demandAdd}
          </button>
        </div>
      </div>

      <PolicyPicker enterpriseId={draft().enterpriseId} value={draft().policyCodes ?? []} onChange={(policyCodes) => patch({ policyCodes })} />
      {textArea('policies', v.policies, v.policiesPlaceholder)}

      <div class="field">
        <label class="field-label" for="v-next">
          {v.nextVisitOn}
        </label>
        <input
          id="v-next"
          type="date"
          data-testid="visit-next"
          min={chinaDay(Date.now())}
          value={draft().nextVisitOn}
          aria-invalid={errorOf('nextVisitOn') ? 'true' : undefined}
          onInput={(ev) => patch({ nextVisitOn: ev.currentTarget.value })}
        />
        <Show when={errorOf('nextVisitOn')}>{(m) => <p class="field-error" role="alert" data-testid="visit-error-next">{m()}</p>}</Show>
      </div>

      <fieldset class="visit-photos">
        <legend class="field-label">{v.photos}</legend>
        <div class="inline-actions">
          <label class="button-like">
            {v.takePhoto}
            <input type="file" accept="image/*" capture="environment" class="visually-hidden" data-testid="visit-camera" onChange={(ev) => void addPhotos(ev.currentTarget.files, ev.currentTarget)} />
          </label>
          <label class="button-like">
            {v.pickPhotos}
            <input type="file" accept="image/*" multiple class="visually-hidden" data-testid="visit-files" onChange={(ev) => void addPhotos(ev.currentTarget.files, ev.currentTarget)} />
          </label>
          <Show when={processing() > 0}>
            <span class="muted small" role="status" data-testid="visit-photo-processing">
              {v.processing(processing())}
            </span>
          </Show>
        </div>
        <Show when={photoError()}>
          {(m) => (
            <p class="field-error" role="alert" data-testid="visit-photo-error">
              {m()}
            </p>
          )}
        </Show>
        <ul class="photo-grid" data-testid="visit-form-photos" data-count={draft().photos.length}>
          <For each={draft().photos}>
            {(p, i) => (
              <li class="photo-edit">
                <PhotoThumb hash={p.hash} index={i()} />
                <input type="text" aria-label={v.caption} placeholder={v.caption} maxlength={500} value={p.caption} onInput={(ev) => setCaption(p.hash, ev.currentTarget.value)} />
                <button type="button" class="link danger" onClick={() => removePhoto(p.hash)}>
                  {v.removePhoto}
                </button>
              </li>
            )}
          </For>
        </ul>
      </fieldset>

      <Show when={problems().length > 0}>
        <p class="field-error" role="alert" data-testid="visit-errors">
          {v.fixErrors}
        </p>
      </Show>
      <div class="visit-actions">
        <button type="submit" class="primary" data-testid="visit-save" disabled={saving() || processing() > 0}>
          {saving() ? v.saving : draft().editOf ? v.saveEdit : v.save}
        </button>
        <button type="button" data-testid="visit-cancel" onClick={() => props.onClose()}>
          {v.cancel}
        </button>
      </div>
    </form>
  );
}
