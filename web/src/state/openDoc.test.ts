import { createSignal } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { openStatus } from './openDoc.ts';

describe('openStatus', () => {
  it('stays loading until the doc is loaded, is ready when found, and says not-found only once sync settled (for good)', () => {
    const [loaded, setLoaded] = createSignal(false);
    const [found, setFound] = createSignal(false);
    const [settled, setSettled] = createSignal(false);
    const status = openStatus(loaded, found, settled);
    expect(status()).toBe('loading');
    setLoaded(true);
    expect(status()).toBe('loading'); // not here yet: it may still come with the catch-up
    setSettled(true);
    expect(status()).toBe('not-found');
    setSettled(false); // reconnecting does not bring back the spinner
    expect(status()).toBe('not-found');
    setFound(true);
    expect(status()).toBe('ready');
  });
});
