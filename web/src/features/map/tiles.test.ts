import { describe, expect, it } from 'vitest';
import { DEFAULT_TILES, TILES_KEY, isTileTemplate, readTiles, writeTiles } from './tiles.ts';

function memory(): Storage {
  const map = new Map<string, string>();
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) } as Storage;
}

describe('tile setting', () => {
  it('defaults to the OSM template, remembers a custom one and "no tiles"', () => {
    const s = memory();
    expect(readTiles(s)).toBe(DEFAULT_TILES);
    writeTiles(s, ' http://10.1.2.3/tiles/{z}/{x}/{y}.png ');
    expect(readTiles(s)).toBe('http://10.1.2.3/tiles/{z}/{x}/{y}.png');
    writeTiles(s, '');
    expect(s.getItem(TILES_KEY)).toBe('none');
    expect(readTiles(s)).toBe('');
  });

  it('accepts only templates with {z} {x} {y} over http(s) or a local path', () => {
    expect(isTileTemplate(DEFAULT_TILES)).toBe(true);
    expect(isTileTemplate('/tiles/{z}/{x}/{y}.png')).toBe(true);
    expect(isTileTemplate('https://a.example/{z}/{x}.png')).toBe(false);
    expect(isTileTemplate('javascript:alert(1)//{z}{x}{y}')).toBe(false);
  });
});
