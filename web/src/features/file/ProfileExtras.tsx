/**
 * The profile fields beyond name / USCC / 镇街 / industry: 曾用名, 法定代表人, 注册地址, 园区, 规模,
 * 员工人数, 成立日期, location. Free text goes through DocTextField (drafts, debounced writes); numbers are
 * written on change once valid, and a bad value stays in the input with its message instead.
 */
import { For, Show, Suspense, createSignal, lazy } from 'solid-js';
import { SCALES, isCoordProblem, isIsoDate, outsideChina, parseLocation, type CoordProblem } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import type { EnterpriseFile } from '../../state/enterpriseFile.ts';
import { Field } from '../../ui/Field.tsx';
import { t } from '../../ui/strings.ts';
import { DocTextField } from '../enterprises/DocTextField.tsx';
import { roundCoord } from '../map/pickStart.ts';
import { m } from '../map/strings.ts';
import { f } from './strings.ts';

/** The picker brings leaflet, so it loads on first use. */
const MapPicker = lazy(() => import('../map/MapPicker.tsx'));

type Flush = (fl: () => void) => () => void;

export function FormerNames(props: { file: EnterpriseFile }) {
  const [input, setInput] = createSignal('');
  const add = () => {
    props.file.addFormerName(input());
    setInput('');
  };
  return (
    <Field label={f.formerNames} for="f-former-new">
      <ul class="chips" data-testid="former-names">
        <For each={props.file.profile().formerNames}>
          {(name) => (
            <li class="chip" data-testid="former-name">
              {name}
              <button type="button" class="chip-x" aria-label={f.removeNamed(name)} onClick={() => props.file.removeFormerName(name)}>
                ×
              </button>
            </li>
          )}
        </For>
      </ul>
      <div class="inline-add">
        <input
          id="f-former-new"
          type="text"
          data-testid="former-name-new"
          maxlength={100}
          placeholder={f.formerNamePlaceholder}
          value={input()}
          onInput={(e) => setInput(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.isComposing) {
              e.preventDefault();
              add();
            }
          }}
        />
        <button type="button" data-testid="former-name-add" disabled={!input().trim()} onClick={add}>
          {f.formerNameAdd}
        </button>
      </div>
    </Field>
  );
}

/** 曾用名, 法定代表人, 园区, 注册地址 (under the name and USCC). */
export function ProfileIdentity(props: { id: string; file: EnterpriseFile; registerFlush: Flush }) {
  const { drafts } = useApp();
  const file = props.file;
  const text = (field: 'legalRep' | 'address' | 'park', label: string) => (
    <Field label={label} for={`f-${field}`}>
      <DocTextField
        id={`f-${field}`}
        testId={`field-${field}`}
        value={file.profile()[field]}
        commit={(v) => file.setField(field, v.trim())}
        registerFlush={props.registerFlush}
        draft={drafts.draft(`${props.id}:${field}`)}
      />
    </Field>
  );
  return (
    <>
      <FormerNames file={file} />
      <div class="field-pair">
        {text('legalRep', f.legalRep)}
        {text('park', f.park)}
      </div>
      {text('address', f.address)}
    </>
  );
}

/** 规模, 员工人数, 成立日期, location (under 镇街 and industry). */
export function ProfileFacts(props: { file: EnterpriseFile }) {
  const file = props.file;
  return (
    <>
      <div class="field-pair">
        <Field label={f.scale} for="f-scale">
          <select id="f-scale" data-testid="field-scale" value={file.profile().scale} onChange={(e) => file.setField('scale', e.currentTarget.value)}>
            <option value="">{t.choose}</option>
            <For each={SCALES}>{(s) => <option value={s} selected={s === file.profile().scale}>{s}</option>}</For>
          </select>
        </Field>
        <Employees file={file} />
      </div>
      <EstablishedOn file={file} />
      <Location file={file} />
    </>
  );
}

/** 成立日期: policy conditions (成立日期早于/晚于) read it; a date in the future is a typo, kept in the input with its message. */
function EstablishedOn(props: { file: EnterpriseFile }) {
  const [bad, setBad] = createSignal<string | null>(null);
  const today = () => new Date().toISOString().slice(0, 10);
  const commit = (raw: string) => {
    const v = raw.trim();
    if (v === '' || (isIsoDate(v) && v <= today())) {
      setBad(null);
      props.file.setField('establishedOn', v);
    } else {
      setBad(raw);
    }
  };
  return (
    <Field
      label={f.establishedOn}
      for="f-establishedOn"
      hint={
        <Show when={bad() !== null} fallback={<p class="muted small">{f.establishedOnHint}</p>}>
          <p class="field-error" id="f-establishedOn-error" data-testid="established-on-error" role="alert">
            {f.establishedOnInvalid}
          </p>
        </Show>
      }
    >
      <input
        id="f-establishedOn"
        type="date"
        data-testid="field-establishedOn"
        max={today()}
        value={bad() ?? props.file.profile().establishedOn}
        aria-invalid={bad() !== null}
        aria-describedby={bad() !== null ? 'f-establishedOn-error' : undefined}
        onChange={(e) => commit(e.currentTarget.value)}
      />
    </Field>
  );
}

function Employees(props: { file: EnterpriseFile }) {
  const [bad, setBad] = createSignal<string | null>(null);
  const shown = () => bad() ?? (props.file.profile().employees === null ? '' : String(props.file.profile().employees));
  const commit = (raw: string) => {
    const v = raw.trim();
    if (v === '') {
      setBad(null);
      props.file.setEmployees(null);
    } else if (/^\d{1,9}$/.test(v)) {
      setBad(null);
      props.file.setEmployees(Number(v));
    } else {
      setBad(raw);
    }
  };
  return (
    <Field
      label={f.employees}
      for="f-employees"
      hint={
        <Show when={bad() !== null}>
          <p class="field-error" id="f-employees-error" data-testid="employees-error" role="alert">
            {f.employeesInvalid}
          </p>
        </Show>
      }
    >
      <input
        id="f-employees"
        type="text"
        inputmode="numeric"
        data-testid="field-employees"
        autocomplete="off"
        value={shown()}
        aria-invalid={bad() !== null ? 'true' : undefined}
        aria-describedby={bad() !== null ? 'f-employees-error' : undefined}
        onChange={(e) => commit(e.currentTarget.value)}
      />
    </Field>
  );
}

function Location(props: { file: EnterpriseFile }) {
  const p = () => props.file.profile();
  const [typed, setTyped] = createSignal<{ lat: string; lng: string } | null>(null);
  const [problem, setProblem] = createSignal<CoordProblem | null>(null);
  const [geoError, setGeoError] = createSignal<string | null>(null);
  const [locating, setLocating] = createSignal(false);
  const [picking, setPicking] = createSignal(false);
  const { enterprises } = useApp();
  const shown = () => typed() ?? { lat: p().lat === null ? '' : String(p().lat), lng: p().lng === null ? '' : String(p().lng) };
  const commit = (next: { lat: string; lng: string }) => {
    setTyped(next);
    const parsed = parseLocation(next.lat, next.lng);
    if (isCoordProblem(parsed)) {
      setProblem(parsed);
      return;
    }
    setProblem(null);
    setTyped(null);
    props.file.setLocation(parsed.lat, parsed.lng);
  };
  const useMine = () => {
    setGeoError(null);
    if (!('geolocation' in navigator)) {
      setGeoError(f.locationFailed('此浏览器不支持定位'));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        setTyped(null);
        setProblem(null);
        props.file.setLocation(roundCoord(pos.coords.latitude), roundCoord(pos.coords.longitude));
      },
      (err) => {
        setLocating(false);
        setGeoError(err.code === err.PERMISSION_DENIED ? f.locationDenied : f.locationFailed(err.message || String(err.code)));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };
  // The label points at the latitude input, so only it carries the id.
  const coordInput = (axis: 'lat' | 'lng') => (
    <input
      id={axis === 'lat' ? 'f-lat' : undefined}
      type="text"
      inputmode="decimal"
      data-testid={`field-${axis}`}
      aria-label={f[axis]}
      placeholder={f[axis]}
      autocomplete="off"
      value={shown()[axis]}
      aria-invalid={problem() ? 'true' : undefined}
      onChange={(e) => commit({ ...shown(), [axis]: e.currentTarget.value })}
    />
  );
  const warnOutside = () => problem() === null && p().lat !== null && p().lng !== null && outsideChina(p().lat!, p().lng!);
  return (
    <Field
      label={f.location}
      for="f-lat"
      hint={
        <>
          <Show when={problem()}>
            {(pr) => (
              <p class="field-error" id="f-location-error" data-testid="location-error" role="alert">
                {f.coordProblem(pr())}
              </p>
            )}
          </Show>
          <Show when={warnOutside()}>
            <p class="field-warn" data-testid="location-warning" role="status">
              {f.outsideChina}
            </p>
          </Show>
          <Show when={geoError()}>
            {(msg) => (
              <p class="field-error" data-testid="location-geo-error" role="alert">
                {msg()}
              </p>
            )}
          </Show>
        </>
      }
    >
      <div class="coords">
        {coordInput('lat')}
        {coordInput('lng')}
      </div>
      <div class="inline-actions">
        <button type="button" data-testid="use-my-location" disabled={locating()} onClick={useMine}>
          {locating() ? f.locating : f.useMyLocation}
        </button>
        <button type="button" data-testid="pick-on-map" onClick={() => setPicking(true)}>
          {m.pickOpen}
        </button>
        <Show when={p().lat !== null}>
          <button type="button" class="link" data-testid="clear-location" onClick={() => commit({ lat: '', lng: '' })}>
            {f.clearLocation}
          </button>
        </Show>
      </div>
      <Show when={picking()}>
        <Suspense fallback={<p class="muted">{m.loading}</p>}>
          <MapPicker
            file={p()}
            rows={enterprises.rows()}
            onPick={(lat, lng) => {
              setTyped(null);
              setProblem(null);
              props.file.setLocation(lat, lng);
            }}
            onClose={() => setPicking(false)}
          />
        </Suspense>
      </Show>
    </Field>
  );
}
