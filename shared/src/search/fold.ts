/**
 * Text folding shared by the search keys (built once per row, in a worker) and the index (per keystroke):
 * both must cut a name into the same tokens, or a stored key would not line up with its name.
 */

/** Folds one code point: full-width ASCII (Ａ１（) to half-width, the ideographic space to a space, lower case. */
export function foldChar(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0).toLowerCase();
  if (code === 0x3000) return ' ';
  return code < 0x80 ? ch.toLowerCase() : ch;
}

const SPACE = /\s/u;

/** The query / name form used for 汉字 matching: folded, every kind of space removed. */
export function foldText(text: string): string {
  let out = '';
  for (const ch of text) {
    const f = foldChar(ch);
    if (!SPACE.test(f)) out += f;
  }
  return out;
}

const HAN = /\p{Script=Han}/u;

export const isHan = (ch: string): boolean => HAN.test(ch);

/** a-z or 0-9 after folding */
export function isLatin(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return ch.length === 1 && ((c >= 97 && c <= 122) || (c >= 48 && c <= 57));
}

/**
 * The searchable characters of a name, in order, with their UTF-16 offset in the original name: every
 * 汉字 (a rare one too) and every letter or digit. Brackets, punctuation and spaces are not tokens, so
 * `linyi` finds 华盛（临沂）and a pinyin match may run across them.
 */
export function nameTokens(name: string): { chars: string[]; offsets: number[] } {
  const chars: string[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const ch of name) {
    const f = foldChar(ch);
    if (isHan(f) || isLatin(f)) {
      chars.push(f);
      offsets.push(offset);
    }
    offset += ch.length;
  }
  return { chars, offsets };
}
