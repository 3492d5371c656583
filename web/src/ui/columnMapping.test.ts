import { describe, expect, it } from 'vitest';
import { assignColumn } from './columnMapping.ts';

describe('assignColumn', () => {
  it('maps a field, takes the column from the field that had it, and unmaps with ""', () => {
    const start: Partial<Record<'name' | 'uscc' | 'town', number>> = { name: 1, uscc: 0 };
    expect(assignColumn(start, 'town', '3')).toEqual({ name: 1, uscc: 0, town: 3 });
    expect(assignColumn(start, 'town', '1')).toEqual({ uscc: 0, town: 1 });
    expect(assignColumn(start, 'name', '')).toEqual({ uscc: 0 });
    expect(start).toEqual({ name: 1, uscc: 0 }); // never mutated
  });
});
