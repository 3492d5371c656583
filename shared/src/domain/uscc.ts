/**
 * Unified Social Credit Code (统一社会信用代码, GB 32100-2015) with the embedded organisation code
 * check (GB 11714). Our own few lines: the npm `stdnum` rejects every valid code whose check char is 0.
 */

/** The 31 characters of GB 32100: digits and capitals without I, O, Z, S, V. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type UsccProblem =
  | { code: 'uscc.length'; length: number }
  | { code: 'uscc.char'; position: number; char: string }
  | { code: 'uscc.orgCheck'; expected: string }
  | { code: 'uscc.check'; expected: string };

/** Check character (position 18) for the first 17 characters. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** GB 11714 check character for an 8-character organisation code body (digits and A–Z). */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i]!;
    const value = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55;
    sum += value * ORG_WEIGHTS[i]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** Normalizes user input: trims, removes inner spaces, upper-cases, folds full-width characters. */
export function normalizeUscc(input: string): string {
  return input
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
}

/** Returns the first problem with a (normalized) code, or null when it is valid. */
export function checkUscc(code: string): UsccProblem | null {
  if (code.length !== 18) return { code: 'uscc.length', length: code.length };
  for (let i = 0; i < 18; i++) {
    if (!USCC_ALPHABET.includes(code[i]!)) return { code: 'uscc.char', position: i + 1, char: code[i]! };
  }
  // The organisation code (positions 9–17) predates GB 32100; its body may not use letters outside
  // the USCC alphabet anyway, so the set check above already covers it.
  const orgExpected = orgCodeCheckChar(code.slice(8, 16));
  if (code[16] !== orgExpected) return { code: 'uscc.orgCheck', expected: orgExpected };
  const expected = usccCheckChar(code.slice(0, 17));
  if (code[17] !== expected) return { code: 'uscc.check', expected };
  return null;
}

/**
 * What is wrong with a code, in Chinese. Here rather than in the app's strings because the directory
 * import reports row errors from shared code (a worker) in the downloadable error report.
 */
export function usccProblemText(p: UsccProblem): string {
  switch (p.code) {
    case 'uscc.length':
      return `长度应为18位（当前${p.length}位）`;
    case 'uscc.char':
      return `第${p.position}位字符${p.char}不合法`;
    case 'uscc.orgCheck':
      return `组织机构代码校验位（第17位）应为${p.expected}`;
    case 'uscc.check':
      return `校验位应为${p.expected}`;
  }
}
