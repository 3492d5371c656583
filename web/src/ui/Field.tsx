import { Show, type JSX } from 'solid-js';

/**
 * A labelled form row; `for` ties the label to its control for screen readers and taps. The hint sits
 * under the control and the Chinese error message (announced as an alert) under the hint.
 */
export function Field(props: {
  label: JSX.Element;
  for?: string;
  hint?: JSX.Element;
  error?: string | null | false;
  errorTestId?: string;
  children: JSX.Element;
}) {
  return (
    <div class="field">
      <label class="field-label" for={props.for}>
        {props.label}
      </label>
      {props.children}
      {props.hint}
      <Show when={props.error}>
        {(message) => (
          <p class="field-error" role="alert" data-testid={props.errorTestId}>
            {message()}
          </p>
        )}
      </Show>
    </div>
  );
}
