/**
 * Search keys: every reading of every character of a name, computed once per row (in the import worker,
 * or when a file's row is materialized) and stored with it, so a keystroke never runs pinyin-pro.
 * Kept apart from the index module: pinyin-pro's dictionary is large and the main thread never needs it.
 *
 * Format: one token per searchable character of the name (see nameTokens), separated by spaces; a
 * polyphonic character lists all its toneless readings separated by `|` (重 → `zhong|chong`, 行 →
 * `xing|hang|heng`), because pinyin-pro reads some in context (重庆 chong) and misses others (分行 → xing);
 * a letter or digit is itself; a character pinyin-pro does not know is an empty token. ü is written `v`
 * (how it is typed). Initials are not stored: they are the first letter of each reading, derived when
 * the index is built, which keeps a typical name's key at ~40 bytes.
 */
import { polyphonic } from 'pinyin-pro';
import { isHan, nameTokens } from './fold.ts';

const READING = /^[a-z]+$/;

function readingsOf(ch: string, found: readonly string[] | undefined): string {
  if (!isHan(ch)) return ch;
  return (found ?? []).filter((r) => READING.test(r)).join('|');
}

export function buildSearchKeys(name: string): string {
  const { chars } = nameTokens(name);
  if (chars.length === 0) return '';
  // One call for the whole name (pinyin-pro returns one entry per code point) is ~10× faster than one
  // call per character; the names of 100k rows take ~3 s.
  const all = polyphonic(chars.join(''), { toneType: 'none', type: 'array', v: true });
  const aligned = all.length === chars.length;
  return chars
    .map((ch, i) =>
      readingsOf(ch, aligned ? all[i] : polyphonic(ch, { toneType: 'none', type: 'array', v: true })[0]),
    )
    .join(' ');
}
