/** The link from a demand to its 共性问题 (rendered on the demand page when the row has an `issueId`). */
import { Show } from 'solid-js';
import { A } from '@solidjs/router';
import { useApp } from '../../state/app.tsx';
import { s } from './strings.ts';

export function IssueBadge(props: { issueId: string }) {
  const { issues } = useApp();
  const title = () => issues.rows().find((r) => r.id === props.issueId)?.title;
  return (
    <Show when={props.issueId}>
      <A href={`/issues/${props.issueId}`} class="badge issue-badge" data-testid="issue-badge" data-issue-id={props.issueId}>
        {title() ? s.badge(title()!) : s.badgeUnknown}
      </A>
    </Show>
  );
}
