/** The admin lists' table: the empty message, or a table that turns into cards on narrow screens. */
import { Show, type JSX } from 'solid-js';

export function AdminTable(props: {
  rows: number;
  empty: string;
  emptyTestId?: string;
  class?: string;
  busy?: boolean;
  head: JSX.Element;
  /** shown under the table, e.g. 加载更多 */
  after?: JSX.Element;
  children: JSX.Element;
}) {
  return (
    <Show when={props.rows > 0} fallback={<p class="empty" data-testid={props.emptyTestId}>{props.empty}</p>}>
      <div class="admin-table-wrap">
        <table class={`admin-table admin-cards${props.class ? ` ${props.class}` : ''}`} aria-busy={props.busy}>
          <thead>
            <tr>{props.head}</tr>
          </thead>
          <tbody>{props.children}</tbody>
        </table>
      </div>
      {props.after}
    </Show>
  );
}
