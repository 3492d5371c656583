import { describe, expect, it } from 'vitest';
import { auditCsvRow, csvCell } from './csv.ts';

describe('csv', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  it('defuses cells Excel would run as formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes an audit entry with an ISO time and its detail as JSON', () => {
    const row = auditCsvRow(
      { id: 3, at: Date.UTC(2026, 0, 2, 3, 4, 5), actor: 'u-1', deviceId: 'd', action: 'login', docId: '', detail: { ip: '1.2.3.4' }, prevHash: 'p', hash: 'h' },
      '张伟',
    );
    expect(row).toBe('3,2026-01-02T03:04:05.000Z,u-1,张伟,d,login,,"{""ip"":""1.2.3.4""}",h\r\n');
  });
});
