import type { JSX } from 'solid-js';

/** A labelled form row; `for` ties the label to its control for screen readers and taps. */
export function Field(props: { label: string; for?: string; hint?: JSX.Element; children: JSX.Element }) {
  return (
    <div class="field">
      <label class="field-label" for={props.for}>
        {props.label}
      </label>
      {props.children}
      {props.hint}
    </div>
  );
}
