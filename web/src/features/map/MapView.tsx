/**
 * The map of the filtered list (lazy-loaded with leaflet). Points are vector circle markers, clustered on
 * a screen grid per zoom level, so the view is complete with no tiles at all (government networks often
 * reach no tile server): tiles are only a backdrop. Clicking a point opens its file; clicking a cluster
 * zooms into it, or lists its enterprises when they share one spot.
 */
import { createEffect, createSignal, on, onCleanup, onMount, Show } from 'solid-js';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { EnterpriseRow } from '@bangqi/shared';
import { clusterPoints } from './cluster.ts';
import { HOME, isLocated } from './pickStart.ts';
import { m } from './strings.ts';
import { TileSettings } from './TileSettings.tsx';
import { readTiles } from './tiles.ts';
import './map.css';

const located = (r: EnterpriseRow) => isLocated(r.lat, r.lng);

export default function MapView(props: { rows: EnterpriseRow[]; onOpen: (id: string) => void }) {
  let el!: HTMLDivElement;
  const [tiles, setTiles] = createSignal(readTiles(localStorage));
  const [zoom, setZoom] = createSignal(0);
  const points = () => props.rows.filter(located);
  let map: L.Map | undefined;
  let tileLayer: L.TileLayer | undefined;
  const markers = L.layerGroup();

  const draw = () => {
    if (!map) return;
    markers.clearLayers();
    const byId = new Map(points().map((r) => [r.id, r]));
    const z = map.getZoom();
    const screen = [...byId.values()].map((r) => {
      const p = map!.project([r.lat!, r.lng!], z);
      return { id: r.id, x: p.x, y: p.y };
    });
    for (const c of clusterPoints(screen)) {
      const at = map.unproject([c.x, c.y], z);
      if (c.ids.length === 1) {
        const row = byId.get(c.ids[0]!)!;
        L.circleMarker(at, { radius: 8, className: 'map-point', color: '#fff', weight: 2, fillColor: '#155eaa', fillOpacity: 0.95 })
          .bindTooltip(row.name || row.id, { direction: 'top', offset: [0, -6] })
          .on('click', () => props.onOpen(row.id))
          .addTo(markers);
        continue;
      }
      const members = c.ids.map((id) => byId.get(id)!);
      const bounds = L.latLngBounds(members.map((r) => [r.lat!, r.lng!] as L.LatLngTuple));
      const marker = L.circleMarker(at, {
        radius: Math.min(28, 12 + Math.log2(c.ids.length) * 3),
        className: 'map-cluster',
        color: '#fff',
        weight: 2,
        fillColor: '#b45309',
        fillOpacity: 0.9,
      })
        .bindTooltip(String(c.ids.length), { permanent: true, direction: 'center', className: 'map-cluster-label', interactive: false })
        .addTo(markers);
      marker.on('click', () => {
        const spread = !bounds.getNorthEast().equals(bounds.getSouthWest());
        if (spread && map!.getZoom() < map!.getMaxZoom()) {
          map!.fitBounds(bounds.pad(0.3));
          return;
        }
        marker.bindPopup(samePlaceList(members, props.onOpen)).openPopup();
      });
    }
  };

  const fit = () => {
    if (!map) return;
    const list = points();
    if (list.length === 0) map.setView([...HOME], 10);
    else map.fitBounds(L.latLngBounds(list.map((r) => [r.lat!, r.lng!] as L.LatLngTuple)).pad(0.1), { maxZoom: 15 });
  };

  onMount(() => {
    map = L.map(el, { zoomControl: true, attributionControl: true, maxZoom: 18, minZoom: 3 });
    markers.addTo(map);
    map.on('zoomend', () => setZoom(map!.getZoom()));
    fit();
    setZoom(map.getZoom());
  });
  onCleanup(() => map?.remove());

  // The backdrop follows the setting; an empty template means no tile layer at all.
  createEffect(() => {
    const template = tiles();
    tileLayer?.remove();
    tileLayer = undefined;
    if (map && template) {
      tileLayer = L.tileLayer(template, { maxZoom: 18, attribution: template.includes('openstreetmap') ? '© OpenStreetMap' : '' }).addTo(map);
    }
  });
  // Re-fit when the filter changes what is shown (not on every live row update).
  createEffect(on(() => points().map((r) => r.id).join(','), fit, { defer: true }));
  createEffect(on([zoom, points], draw));

  return (
    <div class="map-view">
      <div class="map-bar">
        <span class="muted" data-testid="map-counts" data-located={points().length} data-missing={props.rows.length - points().length}>
          {m.located(points().length)}
          <Show when={props.rows.length > points().length}> · {m.missing(props.rows.length - points().length)}</Show>
        </span>
        <TileSettings value={tiles()} onChange={setTiles} />
      </div>
      <Show when={points().length === 0}>
        <p class="map-empty" data-testid="map-empty">
          {m.noPoints}
        </p>
      </Show>
      <div class="map-canvas" ref={el} data-testid="map" data-tiles={tiles() ? 'on' : 'off'} />
    </div>
  );
}

/** A popup listing enterprises at one spot (max zoom cannot separate them); each opens its file. */
function samePlaceList(rows: EnterpriseRow[], onOpen: (id: string) => void): HTMLElement {
  const box = document.createElement('div');
  box.className = 'map-popup';
  const head = document.createElement('p');
  head.textContent = m.sameSpot(rows.length);
  box.append(head);
  for (const r of rows) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link-button';
    button.textContent = r.name || r.id;
    button.addEventListener('click', () => onOpen(r.id));
    box.append(button);
  }
  return box;
}
