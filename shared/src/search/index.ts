/**
 * In-memory search over up to 100k+ names (directory rows and enterprise files) from their stored keys
 * (keys.ts). No pinyin-pro here: a keystroke scans compact per-row syllable codes, with two bit masks
 * that reject most rows before any string is compared.
 *
 * Ranking: exact name > name prefix > 汉字 substring > full pinyin (prefix before substring) > initials
 * (`zjtx`) > mixed 汉字/pinyin/initials (`华盛jx`, `huashengjx`) > USCC prefix (≥ 4 characters).
 * Within a kind: earlier match, then shorter name, then name order.
 */
import { foldText, isLatin, nameTokens } from './fold.ts';

export type MatchKind = 'exact' | 'prefix' | 'substring' | 'pinyin' | 'initials' | 'mixed' | 'uscc';

const KIND_RANK: Record<MatchKind, number> = {
  exact: 0, prefix: 1, substring: 2, pinyin: 3, initials: 4, mixed: 5, uscc: 6,
};

export interface SearchRow {
  id: string;
  name: string;
  /** '' when the row has none */
  uscc: string;
  /** buildSearchKeys(name); a key that does not fit the name leaves the row without pinyin matching */
  keys: string;
}

export interface SearchHit {
  id: string;
  kind: MatchKind;
  /** [start, end) UTF-16 offsets to highlight: in the USCC for kind 'uscc', in the name otherwise */
  range: [number, number];
}

export interface SearchResult {
  hits: SearchHit[];
  /** every row that matched, not only the first `limit` */
  total: number;
}

/**
 * Struct of arrays; removal swaps the last row into the hole, so the arrays stay dense.
 * codes: per row, per token: [count, syllable id × count] (count 0: a character without a reading).
 */
export interface SearchIndex {
  ids: string[];
  names: string[];
  folded: string[];
  uscc: string[];
  codes: Uint16Array[];
  /** bit per letter a–z (bit 26: any digit) found anywhere in the row's readings */
  letters: number[];
  /** the same for the first letter of each reading: where a latin query can start */
  starts: number[];
  rowOf: Map<string, number>;
  syllables: string[];
  syllableId: Map<string, number>;
}

export function createSearchIndex(rows: Iterable<SearchRow> = []): SearchIndex {
  const index: SearchIndex = {
    ids: [], names: [], folded: [], uscc: [], codes: [], letters: [], starts: [],
    rowOf: new Map(), syllables: [], syllableId: new Map(),
  };
  for (const row of rows) addToIndex(index, row);
  return index;
}

function letterBit(code: number): number {
  return code >= 97 && code <= 122 ? 1 << (code - 97) : 1 << 26;
}

function internSyllable(index: SearchIndex, s: string): number {
  let id = index.syllableId.get(s);
  if (id === undefined) {
    id = index.syllables.length;
    index.syllables.push(s);
    index.syllableId.set(s, id);
  }
  return id;
}

function encodeKeys(index: SearchIndex, name: string, keys: string): { codes: Uint16Array; letters: number; starts: number } {
  const tokens = keys === '' ? [] : keys.split(' ');
  if (tokens.length !== nameTokens(name).chars.length) return { codes: new Uint16Array(0), letters: 0, starts: 0 };
  const out: number[] = [];
  let letters = 0;
  let starts = 0;
  for (const token of tokens) {
    const readings = token === '' ? [] : token.split('|');
    out.push(readings.length);
    for (const r of readings) {
      out.push(internSyllable(index, r));
      starts |= letterBit(r.charCodeAt(0));
      for (let i = 0; i < r.length; i++) letters |= letterBit(r.charCodeAt(i));
    }
  }
  return { codes: Uint16Array.from(out), letters, starts };
}

/** Adds a row, or replaces the row with the same id. */
export function addToIndex(index: SearchIndex, row: SearchRow): void {
  const { codes, letters, starts } = encodeKeys(index, row.name, row.keys);
  let at = index.rowOf.get(row.id);
  if (at === undefined) {
    at = index.ids.length;
    index.rowOf.set(row.id, at);
  }
  index.ids[at] = row.id;
  index.names[at] = row.name;
  index.folded[at] = foldText(row.name);
  index.uscc[at] = row.uscc.toUpperCase();
  index.codes[at] = codes;
  index.letters[at] = letters;
  index.starts[at] = starts;
}

export function removeFromIndex(index: SearchIndex, id: string): boolean {
  const at = index.rowOf.get(id);
  if (at === undefined) return false;
  const last = index.ids.length - 1;
  if (at !== last) {
    index.ids[at] = index.ids[last]!;
    index.names[at] = index.names[last]!;
    index.folded[at] = index.folded[last]!;
    index.uscc[at] = index.uscc[last]!;
    index.codes[at] = index.codes[last]!;
    index.letters[at] = index.letters[last]!;
    index.starts[at] = index.starts[last]!;
    index.rowOf.set(index.ids[at]!, at);
  }
  for (const column of [index.ids, index.names, index.folded, index.uscc, index.codes, index.letters, index.starts]) {
    column.pop();
  }
  index.rowOf.delete(id);
  return true;
}

export const indexSize = (index: SearchIndex): number => index.ids.length;

// --- matching by readings -------------------------------------------------------------------------

/** How a token was consumed: a whole reading (or the typed start of the last one), or its first letter. */
const USED_FULL = 1;
const USED_INITIAL = 2;

interface ReadingMatch {
  startToken: number;
  endToken: number;
  kind: 'pinyin' | 'initials' | 'mixed';
}

/**
 * Matches the (folded) query against the row's tokens starting at token `t`: each token takes a whole
 * reading, only its first letter, or — when the query ends inside it — the start of a reading; a 汉字 of
 * the query must be that very character (tokenChars, only given for mixed queries). Returns the
 * best-ranked way (pinyin, then initials, then mixed) with the token after the last one used, or null.
 */
function matchFrom(
  q: string, pos: number, codes: Uint16Array, at: number, t: number, syllables: string[],
  tokenChars: string[] | null, used: number,
): { end: number; used: number } | null {
  if (pos === q.length) return { end: t, used };
  if (at >= codes.length) return null;
  const count = codes[at]!;
  const next = at + 1 + count;
  const c = q.charCodeAt(pos);
  if (!isLatin(q[pos]!)) {
    const ch = tokenChars?.[t];
    if (ch === undefined || !q.startsWith(ch, pos)) return null;
    return matchFrom(q, pos + ch.length, codes, next, t + 1, syllables, tokenChars, used);
  }
  let best: { end: number; used: number } | null = null;
  for (let k = 1; k <= count; k++) {
    const r = syllables[codes[at + k]!]!;
    if (r.charCodeAt(0) !== c) continue;
    const rest = q.length - pos;
    // The whole reading, or the query ends inside it (the user is still typing this syllable).
    const full = rest >= r.length ? q.startsWith(r, pos) : r.startsWith(q.slice(pos));
    if (full) {
      const flag = r.length === 1 || rest === 1 ? 0 : USED_FULL;
      const m = rest <= r.length
        ? { end: t + 1, used: used | flag }
        : matchFrom(q, pos + r.length, codes, next, t + 1, syllables, tokenChars, used | flag);
      if (m && (!best || rankUsed(m.used) < rankUsed(best.used))) best = m;
      if (best && rankUsed(best.used) === 0) return best;
    }
    if (r.length > 1 && rest > 1) {
      const m = matchFrom(q, pos + 1, codes, next, t + 1, syllables, tokenChars, used | USED_INITIAL);
      if (m && (!best || rankUsed(m.used) < rankUsed(best.used))) best = m;
    }
  }
  return best;
}

/** 0 pinyin, 1 initials, 2 mixed */
function rankUsed(used: number): number {
  return used === (USED_FULL | USED_INITIAL) ? 2 : used === USED_INITIAL ? 1 : 0;
}

function matchReadings(
  q: string, codes: Uint16Array, syllables: string[], tokenChars: string[] | null, hasHan: boolean,
): ReadingMatch | null {
  let best: ReadingMatch | null = null;
  let bestRank = 3;
  for (let at = 0, t = 0; at < codes.length; at += 1 + codes[at]!, t++) {
    const m = matchFrom(q, 0, codes, at, t, syllables, tokenChars, 0);
    if (!m) continue;
    const rank = hasHan ? 2 : rankUsed(m.used);
    if (rank < bestRank) {
      best = { startToken: t, endToken: m.end, kind: rank === 0 ? 'pinyin' : rank === 1 ? 'initials' : 'mixed' };
      bestRank = rank;
      if (rank === 0) break;
    }
  }
  return best;
}

// --- search ---------------------------------------------------------------------------------------

interface Candidate {
  row: number;
  kind: MatchKind;
  /** sort key within the kind: match start, then name length */
  start: number;
  /** [start, end) in folded-name characters (name kinds) or tokens (reading kinds) or the USCC */
  from: number;
  to: number;
}

function better(index: SearchIndex, a: Candidate, b: Candidate): boolean {
  const ka = KIND_RANK[a.kind];
  const kb = KIND_RANK[b.kind];
  if (ka !== kb) return ka < kb;
  if (a.start !== b.start) return a.start < b.start;
  const na = index.names[a.row]!;
  const nb = index.names[b.row]!;
  if (na.length !== nb.length) return na.length < nb.length;
  return na < nb;
}

/** Keeps the best `limit` candidates sorted, without sorting every match of a one-letter query. */
class TopK {
  readonly items: Candidate[] = [];
  total = 0;
  constructor(private readonly index: SearchIndex, private readonly limit: number) {}
  offer(c: Candidate): void {
    this.total++;
    const items = this.items;
    if (items.length === this.limit && !better(this.index, c, items[items.length - 1]!)) return;
    let i = items.length;
    while (i > 0 && better(this.index, c, items[i - 1]!)) i--;
    items.splice(i, 0, c);
    if (items.length > this.limit) items.pop();
  }
}

/** Maps folded-name offsets (foldText drops spaces and may shorten nothing else) back to the name. */
function nameRange(name: string, from: number, to: number): [number, number] {
  let folded = 0;
  let offset = 0;
  let start = -1;
  for (const ch of name) {
    if (folded === from && start < 0 && foldText(ch) !== '') start = offset;
    folded += foldText(ch).length;
    offset += ch.length;
    if (folded >= to && start >= 0) return [start, offset];
  }
  return [Math.max(start, 0), offset];
}

function toHit(index: SearchIndex, c: Candidate): SearchHit {
  const id = index.ids[c.row]!;
  const name = index.names[c.row]!;
  if (c.kind === 'uscc') return { id, kind: c.kind, range: [c.from, c.to] };
  if (c.kind === 'exact' || c.kind === 'prefix' || c.kind === 'substring') {
    return { id, kind: c.kind, range: nameRange(name, c.from, c.to) };
  }
  const { chars, offsets } = nameTokens(name);
  const last = c.to - 1;
  return { id, kind: c.kind, range: [offsets[c.from]!, offsets[last]! + chars[last]!.length] };
}

function queryMask(q: string): number {
  let mask = 0;
  for (let i = 0; i < q.length; i++) mask |= letterBit(q.charCodeAt(i));
  return mask;
}

const USCC_QUERY = /^[0-9a-z]{4,18}$/;

export function search(index: SearchIndex, query: string, limit = 50): SearchResult {
  const q = foldText(query);
  const top = new TopK(index, limit);
  if (q === '' || limit <= 0) return { hits: [], total: 0 };
  const chars = [...q];
  const latin = chars.filter(isLatin).join('');
  const allLatin = latin.length === q.length;
  const hasLatin = latin.length > 0;
  // A mixed query: each run of 汉字 must appear in the name before the readings are tried.
  const hanRuns = allLatin ? [] : q.split(/[0-9a-z]+/).filter((s) => s !== '');
  const mask = queryMask(latin);
  const first = allLatin ? letterBit(q.charCodeAt(0)) : 0;
  const usccPrefix = USCC_QUERY.test(q) ? q.toUpperCase() : null;
  const { folded, codes, letters, starts, syllables, uscc } = index;

  for (let row = 0; row < folded.length; row++) {
    const name = folded[row]!;
    const at = name.indexOf(q);
    if (at >= 0) {
      const kind: MatchKind = name.length === q.length ? 'exact' : at === 0 ? 'prefix' : 'substring';
      top.offer({ row, kind, start: at, from: at, to: at + q.length });
      continue;
    }
    if (hasLatin && (letters[row]! & mask) === mask) {
      let m: ReadingMatch | null = null;
      if (allLatin) {
        if (starts[row]! & first) m = matchReadings(q, codes[row]!, syllables, null, false);
      } else if (hanRuns.every((run) => name.includes(run))) {
        m = matchReadings(q, codes[row]!, syllables, nameTokens(index.names[row]!).chars, true);
      }
      if (m) {
        top.offer({ row, kind: m.kind, start: m.startToken, from: m.startToken, to: m.endToken });
        continue;
      }
    }
    if (usccPrefix && uscc[row]!.startsWith(usccPrefix)) {
      top.offer({ row, kind: 'uscc', start: 0, from: 0, to: usccPrefix.length });
    }
  }
  return { hits: top.items.map((c) => toHit(index, c)), total: top.total };
}
