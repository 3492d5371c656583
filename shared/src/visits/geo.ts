/**
 * GPS check-in / check-out stamps: distance to the enterprise, and the flags a stamp carries. Flags
 * never block saving a visit; they tell the team lead how much to trust the stamp.
 */
import type { DistrictSettings } from '../calendar/types.ts';
import type { GeoFlag, GeoStamp } from './types.ts';

export interface LatLng {
  lat: number;
  lng: number;
}

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine; well under 0.5 % off WGS-84 at county scale). */
export function distanceM(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export type GeoSettings = Pick<DistrictSettings, 'checkInRadiusM' | 'maxAccuracyM'>;

/**
 * Flags of a stamp that has a fix: farther than the radius, accuracy worse than the limit, or no
 * enterprise location to measure against (distance unknown).
 */
export function stampFlags(s: { distanceM: number | null; accuracy: number | null }, settings: GeoSettings): GeoFlag[] {
  const flags: GeoFlag[] = [];
  if (s.distanceM === null) flags.push('no-enterprise-location');
  else if (s.distanceM > settings.checkInRadiusM) flags.push('far');
  if (s.accuracy === null || s.accuracy > settings.maxAccuracyM) flags.push('poor-accuracy');
  return flags;
}

/** What the device answered: a position (as GeolocationPosition gives it) or why there is none. */
export type PositionResult =
  | { coords: { latitude: number; longitude: number; accuracy: number } }
  | { error: 'denied' | 'no-fix' };

/** The stamp for a device answer, measured against the enterprise's location (null/null when unknown). */
export function geoStamp(
  result: PositionResult,
  enterprise: { lat: number | null; lng: number | null },
  settings: GeoSettings,
  now: number,
): GeoStamp {
  if ('error' in result) return { lat: null, lng: null, accuracy: null, at: now, distanceM: null, flags: [result.error] };
  const { latitude: lat, longitude: lng } = result.coords;
  const accuracy = Number.isFinite(result.coords.accuracy) ? result.coords.accuracy : null;
  const located = enterprise.lat !== null && enterprise.lng !== null;
  const d = located ? Math.round(distanceM({ lat, lng }, { lat: enterprise.lat!, lng: enterprise.lng! })) : null;
  const flags = stampFlags({ distanceM: d, accuracy }, settings);
  return { lat, lng, accuracy: accuracy === null ? null : Math.round(accuracy), at: now, distanceM: d, flags };
}

/** Check-out minus check-in in ms; 0 unless both exist and check-out is later. */
export function dwellMs(checkIn: GeoStamp | null, checkOut: GeoStamp | null): number {
  return checkIn && checkOut && checkOut.at > checkIn.at ? checkOut.at - checkIn.at : 0;
}
