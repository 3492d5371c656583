/**
 * One saved visit, expanded: every field, the GPS stamps with distance, flags and dwell time, the photos
 * (thumbnails; other devices fetch them on demand), and 作废 with a required reason (the visit stays,
 * struck through).
 */
import { For, Show, createSignal } from 'solid-js';
import { dwellMs, type VisitRecord } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { dateTime } from '../../ui/strings.ts';
import { actorName } from '../assignment/strings.ts';
import { RaiseFromVisit } from '../demands/RaiseFromVisit.tsx';
import type { RaiseTarget } from '../../state/demands.ts';
import { GeoStampView } from './GeoStampView.tsx';
import { PhotoThumb } from './PhotoThumb.tsx';
import { FIGURE_LABELS, v } from './strings.ts';

function Row(props: { label: string; value: string; testId?: string }) {
  return (
    <Show when={props.value}>
      <div class="visit-row">
        <dt>{props.label}</dt>
        <dd data-testid={props.testId}>{props.value}</dd>
      </div>
    </Show>
  );
}

export function VisitDetail(props: {
  visit: VisitRecord;
  enterprise: RaiseTarget;
  onVoid: (reason: string) => void;
  /** offered while the visit has a check-in and no check-out (to one of its visitors) */
  onCheckOut?: () => Promise<void>;
  /** offered to the visit's own people while no other form or draft is open */
  onEdit?: () => void;
}) {
  const { org } = useApp();
  const who = (id: string) => actorName(id, org.userName);
  const [voiding, setVoiding] = createSignal(false);
  const [reason, setReason] = createSignal('');
  const [reasonError, setReasonError] = createSignal(false);
  const [locating, setLocating] = createSignal(false);
  const checkOut = async () => {
    setLocating(true);
    try {
      await props.onCheckOut?.();
    } finally {
      setLocating(false);
    }
  };
  const figures = () =>
    (Object.keys(FIGURE_LABELS) as (keyof typeof FIGURE_LABELS)[])
      .filter((k) => props.visit.figures[k] !== null)
      .map((k) => `${FIGURE_LABELS[k]} ${props.visit.figures[k]}`)
      .join('；');
  const dwell = () => dwellMs(props.visit.checkIn, props.visit.checkOut);
  return (
    <div class="visit-detail" data-testid="visit-detail" data-id={props.visit.id}>
      <Show when={props.visit.voidReason}>
        <p class="field-warn" data-testid="visit-void-reason">
          {v.voidReason(props.visit.voidReason)}
        </p>
      </Show>
      <dl class="visit-rows">
        <Row label={v.visitors} value={props.visit.visitors.map(who).join('、')} testId="visit-d-visitors" />
        <Row label={v.companions} value={props.visit.companions} testId="visit-d-companions" />
        <Row label={v.purpose} value={props.visit.purpose} testId="visit-d-purpose" />
        <Row label={v.findings} value={props.visit.findings} testId="visit-d-findings" />
        <Row label={v.situation} value={props.visit.situation} testId="visit-d-situation" />
        <Row label={v.figures} value={figures()} testId="visit-d-figures" />
        <Row label={v.policies} value={props.visit.policies} testId="visit-d-policies" />
        <Row label={v.nextVisitOn} value={props.visit.nextVisitOn} testId="visit-d-next" />
      </dl>
      <Show when={props.visit.demandItems.length > 0}>
        <div class="visit-row">
          <dt>{v.demands}</dt>
          <dd>
            <ol class="visit-demand-list" data-testid="visit-d-demands">
              <For each={props.visit.demandItems}>
                {(item) => (
                  <li>
                    <span>{item}</span>{' '}
                    <Show when={!props.visit.voidReason}>
                      <RaiseFromVisit enterprise={props.enterprise} visitId={props.visit.id} item={item} />
                    </Show>
                  </li>
                )}
              </For>
            </ol>
          </dd>
        </div>
      </Show>
      <div class="visit-gps-view">
        <Show when={props.visit.checkIn} fallback={<p class="muted small">{v.noGps}</p>}>
          {(s) => <GeoStampView label={v.checkedIn} stamp={s()} testId="visit-d-checkin" />}
        </Show>
        <Show when={props.visit.checkOut}>{(s) => <GeoStampView label={v.checkedOut} stamp={s()} testId="visit-d-checkout" />}</Show>
        <Show when={props.onCheckOut}>
          <button type="button" data-testid="visit-d-checkout-button" disabled={locating()} onClick={() => void checkOut()}>
            {locating() ? v.locating : v.checkOut}
          </button>
        </Show>
        <Show when={dwell() > 0}>
          <p class="small" data-testid="visit-d-dwell">
            {v.dwell(v.minutes(dwell()))}
          </p>
        </Show>
      </div>
      <Show when={props.visit.photos.length > 0}>
        <ul class="photo-grid" data-testid="visit-d-photos" data-count={props.visit.photos.length}>
          <For each={props.visit.photos}>
            {(p, i) => (
              <li>
                <PhotoThumb hash={p.hash} index={i()} caption={p.caption} />
              </li>
            )}
          </For>
        </ul>
      </Show>
      <p class="muted small">
        {v.detailBy(who(props.visit.createdBy), dateTime(props.visit.createdAt))}
        <Show when={props.visit.updatedAt > props.visit.createdAt}> · {v.detailEdited(who(props.visit.updatedBy), dateTime(props.visit.updatedAt))}</Show>
      </p>
      <Show when={!props.visit.voidReason}>
        <Show
          when={voiding()}
          fallback={
            <div class="inline-actions">
              <Show when={props.onEdit}>
                {(edit) => (
                  <button type="button" data-testid="visit-edit" onClick={() => edit()()}>
                    {v.edit}
                  </button>
                )}
              </Show>
              <button type="button" class="link danger" data-testid="visit-void" onClick={() => setVoiding(true)}>
                {v.void}
              </button>
            </div>
          }
        >
          <div class="inline-add">
            <input
              type="text"
              data-testid="visit-void-input"
              aria-label={v.voidPrompt}
              placeholder={v.voidPrompt}
              maxlength={500}
              value={reason()}
              aria-invalid={reasonError() ? 'true' : undefined}
              onInput={(e) => {
                setReason(e.currentTarget.value);
                setReasonError(false);
              }}
            />
            <button
              type="button"
              class="danger"
              data-testid="visit-void-confirm"
              onClick={() => {
                if (!reason().trim()) return setReasonError(true);
                props.onVoid(reason());
                setVoiding(false);
              }}
            >
              {v.voidConfirm}
            </button>
            <button type="button" onClick={() => setVoiding(false)}>
              {v.cancelVoid}
            </button>
          </div>
          <Show when={reasonError()}>
            <p class="field-error" role="alert">
              {v.voidNeedsReason}
            </p>
          </Show>
        </Show>
      </Show>
    </div>
  );
}
