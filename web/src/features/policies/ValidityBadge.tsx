/** 有效 / 未生效 / 已失效, or 已撤回 (withdrawn wins: it is what the coordinator decided). */
import { type JSX } from 'solid-js';
import { policyValidity, type PolicyItem } from '@bangqi/shared';
import { p } from './strings.ts';

export function ValidityBadge(props: { item: PolicyItem; today: string }): JSX.Element {
  const state = () => (props.item.withdrawn ? 'withdrawn' : policyValidity(props.item, props.today));
  return (
    <span class={`badge pol-validity pol-validity-${state()}`} data-testid="policy-validity" data-state={state()}>
      {state() === 'withdrawn' ? p.withdrawn : p.validity[state() as 'active']}
    </span>
  );
}
