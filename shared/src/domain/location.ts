/** Where the enterprise is (WGS-84 degrees, as navigator.geolocation gives them), and what is checked. */

export type CoordProblem =
  | { code: 'coord.number'; axis: 'lat' | 'lng' }
  | { code: 'coord.range'; axis: 'lat' | 'lng' }
  | { code: 'coord.pair' };

/** A rough box around mainland China and its islands: outside it a point is probably a typing mistake. */
export const CHINA_BOUNDS = { minLat: 3.8, maxLat: 53.6, minLng: 73.5, maxLng: 135.1 } as const;

/** Parses typed coordinates ('' and '' = no location). Returns the numbers or the first problem. */
export function parseLocation(latText: string, lngText: string): { lat: number | null; lng: number | null } | CoordProblem {
  const a = latText.trim();
  const b = lngText.trim();
  if (a === '' && b === '') return { lat: null, lng: null };
  if (a === '' || b === '') return { code: 'coord.pair' };
  const lat = Number(a);
  const lng = Number(b);
  if (!Number.isFinite(lat)) return { code: 'coord.number', axis: 'lat' };
  if (!Number.isFinite(lng)) return { code: 'coord.number', axis: 'lng' };
  if (lat < -90 || lat > 90) return { code: 'coord.range', axis: 'lat' };
  if (lng < -180 || lng > 180) return { code: 'coord.range', axis: 'lng' };
  return { lat, lng };
}

export function isCoordProblem(v: object): v is CoordProblem {
  return 'code' in v;
}

/** True when a valid point lies outside CHINA_BOUNDS (shown as a warning, still saved). */
export function outsideChina(lat: number, lng: number): boolean {
  const b = CHINA_BOUNDS;
  return lat < b.minLat || lat > b.maxLat || lng < b.minLng || lng > b.maxLng;
}

/** Valid stored coordinates: both null, or both finite numbers in range. */
export function isValidLocation(lat: unknown, lng: unknown): boolean {
  if (lat === null && lng === null) return true;
  return typeof lat === 'number' && typeof lng === 'number' && Math.abs(lat) <= 90 && Math.abs(lng) <= 180;
}
