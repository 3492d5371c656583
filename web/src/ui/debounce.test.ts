import { describe, expect, it, vi } from 'vitest';
import { debounce } from './debounce.ts';

describe('debounce', () => {
  it('runs once with the latest value after the delay, or at once on flush', () => {
    vi.useFakeTimers();
    const seen: string[] = [];
    const d = debounce((v: string) => seen.push(v), 300);
    d.schedule('a');
    d.schedule('ab');
    expect(d.pending()).toBe(true);
    vi.advanceTimersByTime(299);
    expect(seen).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(seen).toEqual(['ab']);
    d.schedule('abc');
    d.flush();
    d.flush();
    expect(seen).toEqual(['ab', 'abc']);
    expect(d.pending()).toBe(false);
    vi.useRealTimers();
  });
});
