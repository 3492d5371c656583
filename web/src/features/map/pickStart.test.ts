import { describe, expect, it } from 'vitest';
import { HOME, pickStart, roundCoord } from './pickStart.ts';

const row = (town: string, lat: number | null, lng: number | null) => ({ town, lat, lng });

describe('pickStart', () => {
  const rows = [row('柳林镇', 35.2, 118.4), row('柳林镇', 35.4, 118.6), row('石岭镇', 34.0, 117.0), row('柳林镇', null, null)];

  it('opens on the file own point, close in', () => {
    expect(pickStart(row('柳林镇', 36, 119), rows)).toEqual({ at: [36, 119], zoom: 16, exact: true });
  });

  it('otherwise on the centre of the located files of its town', () => {
    const start = pickStart(row('柳林镇', null, null), rows);
    expect(start.at[0]).toBeCloseTo(35.3);
    expect(start.at[1]).toBeCloseTo(118.5);
    expect(start).toMatchObject({ zoom: 13, exact: false });
  });

  it('then on all located files when its town has none, then on the district', () => {
    const start = pickStart(row('青山镇', null, null), rows);
    expect(start.at[0]).toBeCloseTo((35.2 + 35.4 + 34.0) / 3);
    expect(start.zoom).toBe(11);
    expect(pickStart(row('', null, null), [row('', null, null)])).toEqual({ at: HOME, zoom: 10, exact: false });
  });

  it('ignores impossible coordinates', () => {
    expect(pickStart(row('柳林镇', 200, 118), [row('柳林镇', Number.NaN, 1)])).toEqual({ at: HOME, zoom: 10, exact: false });
  });

  it('rounds to six decimals', () => {
    expect(roundCoord(35.12345678)).toBe(35.123457);
    expect(roundCoord(-118.0000004)).toBe(-118);
  });
});
