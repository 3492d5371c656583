/**
 * Where the location picker opens. A file's own point wins; otherwise the centre of the other located
 * files of its 镇街 (there is no gazetteer of town centres, but the district's files are one), then of
 * all located files, then the demo district. Zoom follows how sure the guess is.
 */
import type { EnterpriseRow } from '@bangqi/shared';

export type LatLng = readonly [lat: number, lng: number];

/** Where an empty map looks (the demo district); any located point replaces it. */
export const HOME: LatLng = [35.1, 118.35];

export const isLocated = (lat: number | null, lng: number | null): boolean =>
  lat !== null && lng !== null && Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;

/** Six decimals are ~0.1 m: what a click can mean, and what the edit log stores. */
export const roundCoord = (n: number): number => Math.round(n * 1e6) / 1e6;

type Located = Pick<EnterpriseRow, 'town' | 'lat' | 'lng'>;

const centre = (rows: readonly Located[]): LatLng => {
  let lat = 0;
  let lng = 0;
  for (const r of rows) {
    lat += r.lat!;
    lng += r.lng!;
  }
  return [lat / rows.length, lng / rows.length];
};

export function pickStart(file: Located, rows: readonly Located[]): { at: LatLng; zoom: number; exact: boolean } {
  if (isLocated(file.lat, file.lng)) return { at: [file.lat!, file.lng!], zoom: 16, exact: true };
  const located = rows.filter((r) => isLocated(r.lat, r.lng));
  const town = file.town.trim();
  const sameTown = town === '' ? [] : located.filter((r) => r.town === town);
  if (sameTown.length > 0) return { at: centre(sameTown), zoom: 13, exact: false };
  if (located.length > 0) return { at: centre(located), zoom: 11, exact: false };
  return { at: HOME, zoom: 10, exact: false };
}
