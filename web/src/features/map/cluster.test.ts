import { describe, expect, it } from 'vitest';
import { clusterPoints } from './cluster.ts';

describe('clusterPoints', () => {
  it('groups points of one grid cell at their mean and keeps distant points apart', () => {
    const clusters = clusterPoints(
      [
        { id: 'a', x: 10, y: 10 },
        { id: 'b', x: 30, y: 50 },
        { id: 'c', x: 200, y: 10 },
      ],
      56,
    );
    expect(clusters).toEqual([
      { x: 20, y: 30, ids: ['a', 'b'] },
      { x: 200, y: 10, ids: ['c'] },
    ]);
  });

  it('handles negative coordinates and no points', () => {
    expect(clusterPoints([{ id: 'a', x: -1, y: -1 }, { id: 'b', x: 1, y: 1 }], 56)).toHaveLength(2);
    expect(clusterPoints([])).toEqual([]);
  });
});
