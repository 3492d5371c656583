/**
 * 走访规则 in 设置: the district's visit reminder rules (per tag: at least N visits a month/quarter/year,
 * or not visited for N days), 无事不扰's monthly maximum, the 涉企检查报备 notice and the check-in
 * radius. Coordinators and admins edit them (written to the district config doc, synced to every
 * device); everyone else sees them read-only.
 */
import { For, Show, createEffect, createMemo, createSignal, on } from 'solid-js';
import { setSetting, type VisitRule } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { changedKeys, draftOf, emptyRule, parseRulesDraft, type RuleDraft, type RulesDraft } from './rulesForm.ts';
import { PERIOD_LABELS, vr } from './strings.ts';
import './plans.css';

const PERIODS = Object.keys(PERIOD_LABELS) as VisitRule['period'][];

export function VisitRulesSettings() {
  const { auth, config, enterprises } = useApp();
  const role = () => auth.principal()?.role ?? auth.user()?.role;
  // Until the district's doc is on the device the form shows defaults: editing them could overwrite rules
  // set elsewhere, so it waits.
  const canEdit = () => (role() === 'coordinator' || role() === 'admin') && config.loaded();
  const [draft, setDraft] = createSignal<RulesDraft>(draftOf(config.settings()));
  const [dirty, setDirty] = createSignal(false);
  const [tried, setTried] = createSignal(false);
  const [saved, setSaved] = createSignal(false);
  // Follow changes synced from elsewhere until the user starts typing.
  createEffect(on(config.settings, (s) => !dirty() && setDraft(draftOf(s))));
  const parsed = createMemo(() => parseRulesDraft(draft()));
  const err = (key: string) => (tried() ? parsed().errors[key] : undefined);
  const knownTags = createMemo(() => [...new Set(enterprises.rows().flatMap((r) => r.tags))].sort((a, b) => a.localeCompare(b, 'zh-CN')));

  const edit = (change: (d: RulesDraft) => RulesDraft) => {
    setDraft(change);
    setDirty(true);
    setSaved(false);
  };
  const editRule = (id: string, patch: Partial<RuleDraft>) => edit((d) => ({ ...d, rules: d.rules.map((r) => (r.id === id ? { ...r, ...patch } : r)) }));
  const save = (e: SubmitEvent) => {
    e.preventDefault();
    setTried(true);
    const value = parsed().value;
    if (!value) return;
    const keys = changedKeys(config.settings(), value);
    if (keys.length > 0) {
      config.change((doc) => {
        for (const k of keys) setSetting(doc, k, value[k]);
      });
    }
    setDirty(false);
    setTried(false);
    setSaved(true);
  };

  const numberInput = (id: string, testId: string, value: string, onInput: (v: string) => void, errKey: string) => (
    <input
      id={id}
      data-testid={testId}
      type="text"
      inputmode="numeric"
      class="rules-number"
      value={value}
      disabled={!canEdit()}
      aria-invalid={err(errKey) ? 'true' : undefined}
      onInput={(e) => onInput(e.currentTarget.value)}
    />
  );

  return (
    <section class="visit-rules" data-testid="visit-rules" aria-labelledby="visit-rules-title">
      <h2 id="visit-rules-title">{vr.title}</h2>
      <p class="muted small">
        {vr.hint}
        <Show when={!canEdit()}> {config.loaded() ? vr.readOnly : vr.notLoaded}</Show>
      </p>
      <form onSubmit={save} novalidate>
        <ul class="rules-list">
          <For each={draft().rules}>
            {(rule) => (
              <li class="rules-rule" data-testid="visit-rule">
                <label>
                  <span>{vr.ruleTag}</span>
                  <input
                    type="text"
                    list="visit-rule-tags"
                    data-testid="visit-rule-tag"
                    placeholder={vr.everyFile}
                    value={rule.tag}
                    disabled={!canEdit()}
                    onInput={(e) => editRule(rule.id, { tag: e.currentTarget.value })}
                  />
                </label>
                <label>
                  <span>{vr.period}</span>
                  <select value={rule.period} disabled={!canEdit()} onChange={(e) => editRule(rule.id, { period: e.currentTarget.value as VisitRule['period'] })}>
                    <For each={PERIODS}>{(pd) => <option value={pd} selected={pd === rule.period}>{PERIOD_LABELS[pd]}</option>}</For>
                  </select>
                </label>
                <label>
                  <span>{vr.minVisits}</span>
                  {numberInput(`rule-min-${rule.id}`, 'visit-rule-min', rule.minVisits, (v) => editRule(rule.id, { minVisits: v }), `rule:${rule.id}:minVisits`)}
                </label>
                <label>
                  <span>{vr.maxDays}</span>
                  {numberInput(`rule-days-${rule.id}`, 'visit-rule-days', rule.maxDays, (v) => editRule(rule.id, { maxDays: v }), `rule:${rule.id}:maxDays`)}
                </label>
                <Show when={canEdit()}>
                  <button type="button" class="small-button" onClick={() => edit((d) => ({ ...d, rules: d.rules.filter((r) => r.id !== rule.id) }))}>
                    {vr.removeRule}
                  </button>
                </Show>
                <For each={['tag', 'minVisits', 'maxDays'].map((f) => err(`rule:${rule.id}:${f}`)).filter(Boolean)}>
                  {(m) => (
                    <p class="field-error rules-error" role="alert">
                      {m}
                    </p>
                  )}
                </For>
              </li>
            )}
          </For>
        </ul>
        <datalist id="visit-rule-tags">
          <For each={knownTags()}>{(tag) => <option value={tag} />}</For>
        </datalist>
        <Show when={canEdit()}>
          <button type="button" class="small-button" data-testid="visit-rule-add" onClick={() => edit((d) => ({ ...d, rules: [...d.rules, emptyRule()] }))}>
            {vr.addRule}
          </button>
        </Show>
        <div class="rules-scalars">
          <For
            each={
              [
                ['maxVisitsPerMonth', vr.maxVisitsPerMonth],
                ['inspectionNoticeDays', vr.inspectionNoticeDays],
                ['checkInRadiusM', vr.checkInRadiusM],
              ] as const
            }
          >
            {([key, label]) => (
              <label>
                <span>{label}</span>
                {numberInput(`rules-${key}`, `rules-${key}`, draft()[key], (v) => edit((d) => ({ ...d, [key]: v })), key)}
                <Show when={err(key)}>
                  <span class="field-error" role="alert">
                    {err(key)}
                  </span>
                </Show>
              </label>
            )}
          </For>
        </div>
        <Show when={canEdit()}>
          <div class="rules-actions">
            <button type="submit" class="primary" data-testid="visit-rules-save" disabled={!dirty()}>
              {vr.save}
            </button>
            <Show when={saved()}>
              <span class="ok-message" role="status" data-testid="visit-rules-saved">
                {vr.saved}
              </span>
            </Show>
          </div>
        </Show>
      </form>
    </section>
  );
}
