/** A check-in or check-out stamp in one line: time, distance to the enterprise, accuracy, and its flags. */
import { For, Show } from 'solid-js';
import type { GeoStamp } from '@bangqi/shared';
import { hhmmss } from '../../ui/strings.ts';
import { FLAG_TEXT, v } from './strings.ts';

export function GeoStampView(props: { label: string; stamp: GeoStamp; testId: string }) {
  return (
    <p class="geo-stamp" data-testid={props.testId} data-flags={props.stamp.flags.join(' ')} data-distance={props.stamp.distanceM ?? ''}>
      <span class="geo-label">{props.label}</span>
      <span>{hhmmss(props.stamp.at)}</span>
      <Show when={props.stamp.distanceM !== null}>
        <span>{v.distance(props.stamp.distanceM!)}</span>
      </Show>
      <Show when={props.stamp.accuracy !== null}>
        <span class="muted">{v.accuracy(props.stamp.accuracy!)}</span>
      </Show>
      <For each={props.stamp.flags}>{(flag) => <span class="badge badge-warn" data-testid="geo-flag" data-flag={flag}>{FLAG_TEXT[flag]}</span>}</For>
    </p>
  );
}
