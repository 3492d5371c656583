import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../calendar/types.ts';
import { distanceM, dwellMs, geoStamp, stampFlags } from './geo.ts';

const settings = { checkInRadiusM: DEFAULT_SETTINGS.checkInRadiusM, maxAccuracyM: DEFAULT_SETTINGS.maxAccuracyM };
const factory = { lat: 35.1, lng: 118.35 };

describe('distanceM', () => {
  it('is 0 for the same point and symmetric', () => {
    expect(distanceM(factory, factory)).toBe(0);
    const other = { lat: 35.2, lng: 118.4 };
    expect(distanceM(factory, other)).toBeCloseTo(distanceM(other, factory), 6);
  });
  it('measures one degree of latitude as ≈111.2 km and a degree of longitude shrinking with cos(lat)', () => {
    expect(distanceM({ lat: 35, lng: 118 }, { lat: 36, lng: 118 })).toBeCloseTo(111_195, -1);
    expect(distanceM({ lat: 0, lng: 0 }, { lat: 0, lng: 1 })).toBeCloseTo(111_195, -1);
    expect(distanceM({ lat: 60, lng: 0 }, { lat: 60, lng: 1 })).toBeCloseTo(55_597, -1);
  });
  it('matches a known city pair (Beijing Tiananmen → Shanghai People’s Square ≈ 1,067 km)', () => {
    const d = distanceM({ lat: 39.9087, lng: 116.3975 }, { lat: 31.2304, lng: 121.4737 });
    expect(d / 1000).toBeGreaterThan(1060);
    expect(d / 1000).toBeLessThan(1075);
  });
  it('handles antipodes without NaN', () => {
    expect(distanceM({ lat: 0, lng: 0 }, { lat: 0, lng: 180 })).toBeCloseTo(Math.PI * 6_371_008.8, 0);
  });
});

describe('stampFlags', () => {
  it('no flags inside the radius with good accuracy, the radius itself included', () => {
    expect(stampFlags({ distanceM: 120, accuracy: 15 }, settings)).toEqual([]);
    expect(stampFlags({ distanceM: 500, accuracy: 100 }, settings)).toEqual([]);
  });
  it('far beyond the radius, poor accuracy beyond the limit, both together', () => {
    expect(stampFlags({ distanceM: 501, accuracy: 10 }, settings)).toEqual(['far']);
    expect(stampFlags({ distanceM: 10, accuracy: 101 }, settings)).toEqual(['poor-accuracy']);
    expect(stampFlags({ distanceM: 2000, accuracy: 800 }, settings)).toEqual(['far', 'poor-accuracy']);
  });
  it('follows the district settings', () => {
    expect(stampFlags({ distanceM: 300, accuracy: 40 }, { checkInRadiusM: 200, maxAccuracyM: 30 })).toEqual(['far', 'poor-accuracy']);
  });
  it('an enterprise without a location cannot be measured', () => {
    expect(stampFlags({ distanceM: null, accuracy: 10 }, settings)).toEqual(['no-enterprise-location']);
  });
});

describe('geoStamp', () => {
  const at = Date.UTC(2026, 11, 4, 2, 0);
  it('stamps a fix near the factory: rounded distance and accuracy, no flags', () => {
    const s = geoStamp({ coords: { latitude: 35.1009, longitude: 118.35, accuracy: 12.4 } }, factory, settings, at);
    expect(s).toMatchObject({ lat: 35.1009, lng: 118.35, accuracy: 12, at, flags: [] });
    expect(s.distanceM).toBe(100);
  });
  it('flags a fix 2 km away as far', () => {
    const s = geoStamp({ coords: { latitude: 35.118, longitude: 118.35, accuracy: 20 } }, factory, settings, at);
    expect(s.distanceM).toBeGreaterThan(1900);
    expect(s.flags).toEqual(['far']);
  });
  it('records denial and no fix with no position (saving is still possible)', () => {
    expect(geoStamp({ error: 'denied' }, factory, settings, at)).toEqual({ lat: null, lng: null, accuracy: null, at, distanceM: null, flags: ['denied'] });
    expect(geoStamp({ error: 'no-fix' }, factory, settings, at).flags).toEqual(['no-fix']);
  });
  it('keeps the position but no distance when the file has no location', () => {
    const s = geoStamp({ coords: { latitude: 35.1, longitude: 118.35, accuracy: 5 } }, { lat: null, lng: null }, settings, at);
    expect(s.distanceM).toBeNull();
    expect(s.flags).toEqual(['no-enterprise-location']);
  });
});

describe('dwellMs', () => {
  const stamp = (at: number) => ({ lat: 1, lng: 1, accuracy: 5, at, distanceM: 0, flags: [] });
  it('is check-out minus check-in, 0 when either is missing or out of order', () => {
    expect(dwellMs(stamp(1000), stamp(61_000))).toBe(60_000);
    expect(dwellMs(stamp(1000), null)).toBe(0);
    expect(dwellMs(null, stamp(1000))).toBe(0);
    expect(dwellMs(stamp(5000), stamp(1000))).toBe(0);
  });
});
