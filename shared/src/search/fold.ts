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
/** what foldText changes; most names hold none of it and are returned as they are */
const FOLDED_AWAY = /[\sA-Z\uff01-\uff5e]/u;

/** The query / name form used for 汉字 matching: folded, every kind of space removed. */
export function foldText(text: string): string {
  if (!FOLDED_AWAY.test(text)) return text;
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

/** A searchable character: a 汉字 (a rare one too), or a letter or digit, half- or full-width. */
const TOKEN_CHAR = /[\p{Script=Han}A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/u;
const TOKEN_CHARS = new RegExp(TOKEN_CHAR.source, 'gu');

/**
 * The searchable characters of a name, folded, in order, with their UTF-16 offset in the original name.
 * Brackets, punctuation and spaces are not tokens, so `linyi` finds 华盛（临沂）and a pinyin match may
 * run across them.
 */
export function nameTokens(name: string): { chars: string[]; offsets: number[] } {
  const chars: string[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const ch of name) {
    if (TOKEN_CHAR.test(ch)) {
      chars.push(foldChar(ch));
      offsets.push(offset);
    }
    offset += ch.length;
  }
  return { chars, offsets };
}

/** nameTokens(name).chars.length, without building the lists */
export function tokenCount(name: string): number {
  return name.match(TOKEN_CHARS)?.length ?? 0;
}
