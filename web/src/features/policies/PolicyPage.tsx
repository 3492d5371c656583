/**
 * /policies/:code: one item, every field in readable sections (what it is, who it is for, what it pays,
 * how to apply, the machine-readable conditions in words), its validity badge, and for coordinators and
 * admins 编辑 / 撤回. Readable offline from the synced library.
 */
import { For, Show, createMemo, type JSX } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { setPolicyWithdrawn, type PolicyItem } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { mayEditPolicies } from '../../state/policies.ts';
import { ValidityBadge } from './ValidityBadge.tsx';
import { PolicyEnterprises } from './push/PolicyEnterprises.tsx';
import { localToday } from './today.ts';
import { describeCondition, p } from './strings.ts';
import './policies.css';

const f = p.fields;

/** A term and its text; left out when the item has none, so sections stay short. */
function Row(props: { label: string; value: string; testid?: string; children?: JSX.Element }): JSX.Element {
  return (
    <Show when={props.value !== ''}>
      <dt>{props.label}</dt>
      <dd data-testid={props.testid}>{props.children ?? props.value}</dd>
    </Show>
  );
}

const safeUrl = (url: string) => (/^https?:\/\//i.test(url) ? url : '');

export function PolicyView(props: { item: PolicyItem }): JSX.Element {
  const { policies, auth, org } = useApp();
  const today = localToday();
  const item = () => props.item;
  const range = (from: string, to: string) => (from === '' && to === '' ? '' : p.dateRange(from, to));
  const toggleWithdrawn = () => {
    const withdrawing = !item().withdrawn;
    if (withdrawing && !window.confirm(p.withdrawConfirm)) return;
    const by = auth.user()?.id ?? '';
    policies.change((doc) => setPolicyWithdrawn(doc, item().code, withdrawing, by, Date.now()));
  };
  return (
    <article data-testid="policy-item" data-code={item().code}>
      <h1 class="pol-item-title" data-testid="policy-name">
        {item().name}
      </h1>
      <div class="pol-item-badges">
        <ValidityBadge item={item()} today={today} />
        <span class="pol-mode" classList={{ 'pol-mode-auto': item().mode === '免申即享' }} data-testid="policy-mode">
          {item().mode}
        </span>
        <Show when={item().level}>
          <span class="badge">{item().level}</span>
        </Show>
        <Show when={item().domain}>
          <span class="badge">{item().domain}</span>
        </Show>
        <span class="muted small mono">{item().code}</span>
      </div>
      <Show when={item().benefit}>
        <p class="pol-benefit" data-testid="policy-benefit">
          {item().benefit}
        </p>
      </Show>
      <Show when={mayEditPolicies(auth.principal())}>
        <div class="pol-item-actions">
          <A href={`/policies/${encodeURIComponent(item().code)}/edit`} class="button" data-testid="policy-edit">
            {p.edit}
          </A>
          <button type="button" data-testid="policy-withdraw" onClick={toggleWithdrawn}>
            {item().withdrawn ? p.restore : p.withdraw}
          </button>
        </div>
      </Show>

      <section class="pol-section">
        <h2>{p.sectionBasic}</h2>
        <dl class="pol-dl">
          <Row label={f.name} value={item().name} />
          <Row label={f.basis} value={item().basis} testid="policy-basis" />
          <Row label={f.document} value={item().document} />
          <Row label={f.docNumber} value={item().docNumber} />
          <Row label={f.level} value={item().level} />
          <Row label={f.department} value={item().department} />
          <Row label={f.domain} value={item().domain} />
          <Row label={f.effective} value={range(item().effectiveFrom, item().effectiveTo)} testid="policy-effective" />
          <Row label={f.target} value={item().target} />
          <Row label={f.keyPoints} value={item().keyPoints} />
        </dl>
      </section>

      <section class="pol-section">
        <h2>{p.sectionApply}</h2>
        <dl class="pol-dl">
          <Row label={f.mode} value={item().mode} />
          <Row label={f.apply} value={range(item().applyFrom, item().applyTo)} testid="policy-apply" />
          <Row label={f.requirements} value={item().requirements} />
          <Row label={f.materials} value={item().materials} />
          <Row label={f.process} value={item().process} />
          <Row label={f.platform} value={item().platform} />
          <Row label={f.phone} value={item().phone}>
            <For each={item().phone.split(/[、,，;；\s]+/).filter(Boolean)}>
              {(tel, i) => (
                <>
                  {i() > 0 ? '、' : ''}
                  <a href={`tel:${tel.replace(/[^\d+-]/g, '')}`} data-testid="policy-phone">
                    {tel}
                  </a>
                </>
              )}
            </For>
          </Row>
          <Row label={f.url} value={item().url}>
            <Show when={safeUrl(item().url)} fallback={item().url}>
              {(href) => (
                <a href={href()} target="_blank" rel="noopener noreferrer">
                  {item().url}
                </a>
              )}
            </Show>
          </Row>
        </dl>
      </section>

      <section class="pol-section" data-testid="policy-conditions">
        <h2>{p.sectionConditions}</h2>
        <Show when={item().conditions.length > 0} fallback={<p class="muted">{p.conditionsNone}</p>}>
          <ul class="pol-conditions">
            <For each={item().conditions}>{(c) => <li data-testid="policy-condition">{describeCondition(c)}</li>}</For>
          </ul>
          <p class="muted small">{p.conditionsHint}</p>
        </Show>
      </section>

      <PolicyEnterprises item={item()} />

      <p class="muted small">
        {f.updated}：{p.updatedBy(org.userName(item().updatedBy) || item().updatedBy || p.notSet, new Date(item().updatedAt).toLocaleString('zh-CN'))}
      </p>
    </article>
  );
}

export function PolicyPage(): JSX.Element {
  const params = useParams<{ code: string }>();
  const { policies } = useApp();
  const item = createMemo(() => policies.items().find((i) => i.code === params.code));
  return (
    <section class="pol-item-page" data-testid="policy-page">
      <A href="/policies" class="back">
        {p.back}
      </A>
      <Show when={policies.ready()} fallback={<p class="empty">{p.loading}</p>}>
        <Show when={item()} fallback={<p class="empty" data-testid="policy-not-found">{p.notFound}</p>}>
          {(it) => <PolicyView item={it()} />}
        </Show>
      </Show>
    </section>
  );
}
