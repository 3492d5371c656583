/**
 * The map's tile source, a per-device setting: government networks use their own tile servers (or none).
 * Absent = the OSM-style default; NO_TILES = draw points on a blank map.
 */
export const TILES_KEY = 'bangqi.mapTiles';
export const DEFAULT_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
export const NO_TILES = 'none';

/** '' when no tiles should load, otherwise the URL template. */
export function readTiles(storage: Pick<Storage, 'getItem'>): string {
  const value = storage.getItem(TILES_KEY);
  if (value === null) return DEFAULT_TILES;
  return value === NO_TILES ? '' : value;
}

export function writeTiles(storage: Pick<Storage, 'setItem'>, template: string): void {
  storage.setItem(TILES_KEY, template.trim() === '' ? NO_TILES : template.trim());
}

/** A usable template has {z}, {x} and {y} and is http(s) or same-origin relative. */
export function isTileTemplate(template: string): boolean {
  const t = template.trim();
  return /\{z\}/.test(t) && /\{x\}/.test(t) && /\{y\}/.test(t) && /^(https?:\/\/|\/)/.test(t);
}
