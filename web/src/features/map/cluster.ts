/**
 * Grid clustering in screen pixels: points whose projected positions fall in the same CELL×CELL square
 * at the current zoom become one cluster drawn at their mean position. Cheap (one pass, 2,000 points in
 * well under a millisecond), deterministic, and needs no plugin.
 */
export interface ScreenPoint {
  id: string;
  x: number;
  y: number;
}

export interface Cluster {
  x: number;
  y: number;
  ids: string[];
}

export const CELL = 56;

export function clusterPoints(points: readonly ScreenPoint[], cell = CELL): Cluster[] {
  const cells = new Map<string, { sx: number; sy: number; ids: string[] }>();
  for (const p of points) {
    const key = `${Math.floor(p.x / cell)}:${Math.floor(p.y / cell)}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { sx: 0, sy: 0, ids: [] }));
    c.sx += p.x;
    c.sy += p.y;
    c.ids.push(p.id);
  }
  return [...cells.values()].map((c) => ({ x: c.sx / c.ids.length, y: c.sy / c.ids.length, ids: c.ids }));
}
