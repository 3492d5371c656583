/**
 * 在地图上选点: a modal map (lazy, with leaflet) where a click puts the file's marker and 确定 hands the
 * point back. Tiles are only a backdrop, as in the map view: with none reachable the grid, the marker
 * and the coordinates still say where the point is, so the picker works on a government network.
 */
import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { EnterpriseRow } from '@bangqi/shared';
import { pickStart, roundCoord, type LatLng } from './pickStart.ts';
import { m } from './strings.ts';
import { readTiles } from './tiles.ts';
import './map.css';

export interface MapPickerProps {
  /** the file being located: its point (if any) and 镇街 decide where the map opens */
  file: Pick<EnterpriseRow, 'town' | 'lat' | 'lng'>;
  /** the device's files, for the centre of the file's town */
  rows: readonly EnterpriseRow[];
  onPick(lat: number, lng: number): void;
  onClose(): void;
}

export default function MapPicker(props: MapPickerProps) {
  let dialog!: HTMLDialogElement;
  let el!: HTMLDivElement;
  const start = pickStart(props.file, props.rows);
  const [chosen, setChosen] = createSignal<LatLng | null>(start.exact ? start.at : null);
  let map: L.Map | undefined;
  let marker: L.CircleMarker | undefined;

  const place = (at: LatLng) => {
    setChosen(at);
    if (!map) return;
    if (marker) marker.setLatLng([...at]);
    else marker = L.circleMarker([...at], { radius: 9, className: 'map-pick-marker', color: '#fff', weight: 3, fillColor: '#d9480f', fillOpacity: 1 }).addTo(map);
  };

  onMount(() => {
    // The map measures its box, so it is made once the dialog is open and laid out.
    dialog.showModal();
    map = L.map(el, { zoomControl: true, attributionControl: true, maxZoom: 18, minZoom: 3 }).setView([...start.at], start.zoom);
    const template = readTiles(localStorage);
    if (template) L.tileLayer(template, { maxZoom: 18, attribution: template.includes('openstreetmap') ? '© OpenStreetMap' : '' }).addTo(map);
    map.on('click', (e: L.LeafletMouseEvent) => place([roundCoord(e.latlng.lat), roundCoord(e.latlng.lng)]));
    const current = chosen();
    if (current) place(current);
  });
  onCleanup(() => map?.remove());

  const confirm = () => {
    const at = chosen();
    if (!at) return;
    props.onPick(at[0], at[1]);
    dialog.close();
  };

  return (
    <dialog ref={dialog} class="map-pick-dialog" data-testid="map-pick-dialog" aria-labelledby="map-pick-title" onClose={() => props.onClose()}>
      <h2 id="map-pick-title">{m.pickTitle}</h2>
      <p class="muted small">{start.exact ? m.pickHintMove : m.pickHint}</p>
      <div class="map-canvas map-pick-canvas" ref={el} data-testid="map-pick" data-tiles={readTiles(localStorage) ? 'on' : 'off'} />
      <p class="map-pick-coords" data-testid="map-pick-coords" aria-live="polite">
        <Show when={chosen()} fallback={<span class="muted">{m.pickNone}</span>}>
          {(at) => <span>{m.pickAt(at()[0], at()[1])}</span>}
        </Show>
      </p>
      <div class="map-pick-actions">
        <button type="button" data-testid="map-pick-cancel" onClick={() => dialog.close()}>
          {m.pickCancel}
        </button>
        <button type="button" class="primary" data-testid="map-pick-ok" disabled={!chosen()} onClick={confirm}>
          {m.pickOk}
        </button>
      </div>
    </dialog>
  );
}
