/**
 * In-memory search over up to 100k+ names (directory rows and enterprise files) from their stored keys
 * (keys.ts). No pinyin-pro here: a keystroke scans compact syllable codes, behind per-row bit sets that
 * reject most rows before anything else is read (100k rows: p95 under 10 ms, bench/search.bench.ts).
 *
 * Ranking: exact name > name prefix > 汉字 substring > full pinyin (prefix before substring) > initials
 * (`zjtx`) > mixed 汉字/pinyin/initials (`华盛jx`, `huashengjx`) > USCC prefix (≥ 4 characters).
 * Within a kind: earlier match, then shorter name, then name order.
 */
import { foldText, isLatin, nameTokens, tokenCount } from './fold.ts';

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
 * data holds every row's codes, one after the other: per token [bit set of its readings' first letters,
 * count, syllable id × count] (count 0: a character without a reading); a replaced or removed row leaves
 * its old codes behind until they outweigh the live ones, then the array is compacted.
 * filters: FILTER_STRIDE numbers a row, in one typed array so that a keystroke's scan over 100k rows reads
 * contiguous memory (per-row objects scattered over the heap cost a cache miss each): the letters in the
 * row's readings, their first letters, and a 256-bit set of the letter pairs a match can contain.
 */
export interface SearchIndex {
  ids: string[];
  names: string[];
  folded: string[];
  /** whether the folded name holds a letter or digit: only then can a latin query be a name substring */
  latinName: boolean[];
  uscc: string[];
  filters: Int32Array;
  data: Int32Array;
  /** data in use, and how much of it belongs to no row any more */
  dataLength: number;
  dataGarbage: number;
  rowOf: Map<string, number>;
  syllables: string[];
  /** per syllable id: its first character code and its length */
  syllableFirst: number[];
  syllableLength: number[];
  syllableId: Map<string, number>;
  /** what a key token ('xing|hang|heng') contributes, worked out once: a few hundred tokens make up 100k keys */
  tokens: Map<string, TokenInfo>;
}

interface TokenInfo {
  /** [bit set of the readings' first letters, count, syllable ids] */
  codes: Int32Array;
  letters: number;
  initials: number;
  /** letter pairs inside the readings, as bits */
  pairs: number[];
  /** the readings' first letters, and the letters a token can end a match part with (first and last) */
  firsts: number[];
  ends: number[];
}

export function createSearchIndex(rows: Iterable<SearchRow> = []): SearchIndex {
  const index: SearchIndex = {
    ids: [], names: [], folded: [], latinName: [], uscc: [], filters: new Int32Array(FILTER_STRIDE * 1024),
    data: new Int32Array(16 * 1024), dataLength: 0, dataGarbage: 0,
    rowOf: new Map(), syllables: [], syllableFirst: [], syllableLength: [], syllableId: new Map(),
    tokens: new Map(),
  };
  for (const row of rows) addToIndex(index, row);
  return index;
}

function letterBit(code: number): number {
  return code >= 97 && code <= 122 ? 1 << (code - 97) : 1 << 26;
}

/** filters: bit per letter a–z (bit 26: any digit) anywhere in the readings */
const F_LETTERS = 0;
/** filters: the same for the first letter of each reading — where a latin query can start */
const F_STARTS = 1;
/** filters: 8 words of letter pairs (see addPairs) */
const F_PAIRS = 2;
const PAIR_BITS = 256;
/** filters: the name's length, the tie-break of the ranking */
const F_LENGTH = 10;
/** filters: where the row's codes start and end in data */
const F_DATA_START = 11;
const F_DATA_END = 12;
const FILTER_STRIDE = 13;

/** Which of the 256 bits stands for the letter pair (a, b); digits count as one letter. */
function pairBit(a: number, b: number): number {
  const sa = a >= 97 ? a - 97 : 26;
  const sb = b >= 97 ? b - 97 : 26;
  return Math.imul(sa * 27 + sb + 1, 0x9e3779b1) >>> 24;
}

function internSyllable(index: SearchIndex, s: string): number {
  let id = index.syllableId.get(s);
  if (id === undefined) {
    id = index.syllables.length;
    index.syllables.push(s);
    index.syllableFirst.push(s.charCodeAt(0));
    index.syllableLength.push(s.length);
    index.syllableId.set(s, id);
  }
  return id;
}

function grown(array: Int32Array, needed: number): Int32Array {
  if (needed <= array.length) return array;
  const bigger = new Int32Array(Math.max(needed, array.length * 2));
  bigger.set(array);
  return bigger;
}

/** Drops the codes of replaced and removed rows once they are more than half of data. */
function compact(index: SearchIndex): void {
  if (index.dataGarbage < 4096 || index.dataGarbage * 2 < index.dataLength) return;
  const { filters, data } = index;
  const packed = new Int32Array(Math.max(16 * 1024, (index.dataLength - index.dataGarbage) * 2));
  let length = 0;
  for (let base = 0; base < index.ids.length * FILTER_STRIDE; base += FILTER_STRIDE) {
    const start = filters[base + F_DATA_START]!;
    const end = filters[base + F_DATA_END]!;
    packed.set(data.subarray(start, end), length);
    filters[base + F_DATA_START] = length;
    length += end - start;
    filters[base + F_DATA_END] = length;
  }
  index.data = packed;
  index.dataLength = length;
  index.dataGarbage = 0;
}

function tokenInfo(index: SearchIndex, token: string): TokenInfo {
  let info = index.tokens.get(token);
  if (info) return info;
  const readings = token === '' ? [] : token.split('|');
  info = { codes: new Int32Array(2 + readings.length), letters: 0, initials: 0, pairs: [], firsts: [], ends: [] };
  info.codes[1] = readings.length;
  for (const [k, r] of readings.entries()) {
    const first = r.charCodeAt(0);
    const last = r.charCodeAt(r.length - 1);
    info.codes[2 + k] = internSyllable(index, r);
    info.initials |= letterBit(first);
    for (let i = 0; i < r.length; i++) info.letters |= letterBit(r.charCodeAt(i));
    for (let i = 1; i < r.length; i++) info.pairs.push(pairBit(r.charCodeAt(i - 1), r.charCodeAt(i)));
    if (!info.firsts.includes(first)) info.firsts.push(first);
    for (const end of [first, last]) if (!info.ends.includes(end)) info.ends.push(end);
  }
  info.codes[0] = info.initials;
  index.tokens.set(token, info);
  return info;
}

/** The query's pairs as [word, mask] (indices into a row's filters), each needed by a matching row. */
function queryPairs(q: string): number[] {
  const words = new Array<number>(PAIR_BITS / 32).fill(0);
  for (let i = 1; i < q.length; i++) {
    const bit = pairBit(q.charCodeAt(i - 1), q.charCodeAt(i));
    words[bit >>> 5] = words[bit >>> 5]! | (1 << (bit & 31));
  }
  return words.flatMap((mask, w) => (mask === 0 ? [] : [F_PAIRS + w, mask]));
}

/**
 * The row's codes; fills its filters at `base`. The pair set: every two neighbouring letters of a
 * matching query are two neighbouring letters of one reading (huasheng: 'hu', 'ua' …) or the last letter
 * a token gave — the end of its reading, or its initial — followed by the initial of the next token
 * (hua|sheng → 'as', h|s → 'hs'). A query with a pair outside the row's set cannot match it: 'linyi'
 * needs 'ny', which 临沂 has and 临河 does not.
 */
function encodeKeys(index: SearchIndex, name: string, keys: string, base: number): TokenInfo[] {
  const { filters } = index;
  filters.fill(0, base, base + F_LENGTH);
  const tokens = keys === '' ? [] : keys.split(' ');
  if (tokens.length !== tokenCount(name)) return [];
  const infos = tokens.map((token) => tokenInfo(index, token));
  let letters = 0;
  let starts = 0;
  infos.forEach((info, t) => {
    letters |= info.letters;
    starts |= info.initials;
    for (const bit of info.pairs) setBit(filters, base + F_PAIRS, bit);
    const next = infos[t + 1];
    if (next) for (const end of info.ends) for (const first of next.firsts) setBit(filters, base + F_PAIRS, pairBit(end, first));
  });
  filters[base + F_LETTERS] = letters;
  filters[base + F_STARTS] = starts;
  return infos;
}

function setBit(words: Int32Array, at: number, bit: number): void {
  const word = at + (bit >>> 5);
  words[word] = words[word]! | (1 << (bit & 31));
}

const LATIN = /[0-9a-z]/;

/** Adds a row, or replaces the row with the same id. */
export function addToIndex(index: SearchIndex, row: SearchRow): void {
  let at = index.rowOf.get(row.id);
  if (at === undefined) {
    at = index.ids.length;
    index.rowOf.set(row.id, at);
    index.filters = grown(index.filters, (at + 1) * FILTER_STRIDE);
  } else {
    index.dataGarbage += index.filters[at * FILTER_STRIDE + F_DATA_END]! - index.filters[at * FILTER_STRIDE + F_DATA_START]!;
  }
  const base = at * FILTER_STRIDE;
  const infos = encodeKeys(index, row.name, row.keys, base);
  const { filters } = index;
  filters[base + F_LENGTH] = row.name.length;
  filters[base + F_DATA_START] = index.dataLength;
  for (const { codes } of infos) {
    index.data = grown(index.data, index.dataLength + codes.length);
    index.data.set(codes, index.dataLength);
    index.dataLength += codes.length;
  }
  filters[base + F_DATA_END] = index.dataLength;
  const text = foldText(row.name);
  const folded = text === row.name ? row.name : text; // most names fold to themselves: keep one string
  index.ids[at] = row.id;
  index.names[at] = row.name;
  index.folded[at] = folded;
  index.latinName[at] = LATIN.test(folded);
  index.uscc[at] = row.uscc.toUpperCase();
  compact(index);
}

export function removeFromIndex(index: SearchIndex, id: string): boolean {
  const at = index.rowOf.get(id);
  if (at === undefined) return false;
  const columns = [
    index.ids, index.names, index.folded, index.latinName, index.uscc,
  ] as unknown[][];
  const last = index.ids.length - 1;
  index.dataGarbage += index.filters[at * FILTER_STRIDE + F_DATA_END]! - index.filters[at * FILTER_STRIDE + F_DATA_START]!;
  index.filters.copyWithin(at * FILTER_STRIDE, last * FILTER_STRIDE, (last + 1) * FILTER_STRIDE);
  for (const column of columns) {
    column[at] = column[last];
    column.pop();
  }
  if (at !== last) index.rowOf.set(index.ids[at]!, at);
  index.rowOf.delete(id);
  compact(index);
  return true;
}

export const indexSize = (index: SearchIndex): number => index.ids.length;

// --- matching by readings -------------------------------------------------------------------------

/** How tokens were consumed: a whole reading (or the typed start of the last one), or only a first letter. */
const USED_FULL = 1;
const USED_INITIAL = 2;

/** 0 pinyin, 1 initials, 2 mixed */
function rankUsed(used: number): number {
  return used === (USED_FULL | USED_INITIAL) ? 2 : used === USED_INITIAL ? 1 : 0;
}

/** A match as one number, (token after the last one used) << 2 | used flags; -1 for none. */
function betterOf(a: number, b: number): number {
  if (a < 0) return b;
  if (b < 0) return a;
  return rankUsed(b & 3) < rankUsed(a & 3) ? b : a;
}

/**
 * One query against rows' tokens: each token takes a whole reading, only its first letter, or — when the
 * query ends inside it — the start of a reading; a 汉字 of the query must be that very character
 * (tokenChars, only for mixed queries). Keeps the best-ranked way: pinyin, then initials, then mixed.
 */
class ReadingMatcher {
  private readonly codes: number[];
  private readonly suffixes: string[];
  private tokenChars: string[] | null = null;
  private data: Int32Array;
  private end = 0;
  /** the last match (fields rather than a new object: a one-letter query matches most of 100k rows) */
  startToken = 0;
  endToken = 0;
  kind: MatchKind = 'pinyin';

  constructor(private readonly index: SearchIndex, private readonly q: string) {
    this.codes = Array.from(q, (_, i) => q.charCodeAt(i));
    this.data = index.data;
    this.suffixes = Array.from(q, (_, i) => q.slice(i));
  }

  /** Matches the row whose codes are data[start, end). */
  match(start: number, end: number, tokenChars: string[] | null, hasHan: boolean): boolean {
    const data = this.data;
    this.end = end;
    this.tokenChars = tokenChars;
    const first = this.codes[0]!;
    const firstBit = isLatinCode(first) ? letterBit(first) : 0;
    let best = -1;
    let bestStart = -1;
    for (let at = start, t = 0; at < end; at += 2 + data[at + 1]!, t++) {
      if (firstBit !== 0 && (data[at]! & firstBit) === 0) continue;
      const m = this.from(0, at, t, 0);
      if (betterOf(best, m) !== best) {
        best = m;
        bestStart = t;
        if (hasHan || rankUsed(m & 3) === 0) break;
      }
    }
    if (best < 0) return false;
    const rank = hasHan ? 2 : rankUsed(best & 3);
    this.startToken = bestStart;
    this.endToken = best >>> 2;
    this.kind = rank === 0 ? 'pinyin' : rank === 1 ? 'initials' : 'mixed';
    return true;
  }

  private from(pos: number, at: number, t: number, used: number): number {
    const { q, data } = this;
    if (pos === q.length) return (t << 2) | used;
    if (at >= this.end) return -1;
    const count = data[at + 1]!;
    const next = at + 2 + count;
    const c = this.codes[pos]!;
    if (!isLatinCode(c)) {
      const ch = this.tokenChars?.[t];
      if (ch === undefined || !q.startsWith(ch, pos)) return -1;
      return this.from(pos + ch.length, next, t + 1, used);
    }
    if ((data[at]! & letterBit(c)) === 0) return -1;
    const { syllables, syllableFirst, syllableLength } = this.index;
    const rest = q.length - pos;
    let best = -1;
    let startsWithC = false;
    for (let k = at + 2; k < next; k++) {
      const id = data[k]!;
      if (syllableFirst[id] !== c) continue;
      startsWithC = true;
      const length = syllableLength[id]!;
      // The whole reading, or the query ends inside it (the user is still typing this syllable).
      if (rest >= length ? q.startsWith(syllables[id]!, pos) : syllables[id]!.startsWith(this.suffixes[pos]!)) {
        const flag = length === 1 || rest === 1 ? 0 : USED_FULL;
        best = betterOf(best, rest <= length ? ((t + 1) << 2) | used | flag : this.from(pos + length, next, t + 1, used | flag));
        if (best >= 0 && rankUsed(best & 3) === 0) return best;
      }
    }
    // Only the first letter of this token, tried once. A reading must start with c: the bit test above
    // does not say so for a digit (all digits share one bit), and '1' must not stand for a queried '7'.
    if (rest > 1 && startsWithC) best = betterOf(best, this.from(pos + 1, next, t + 1, used | USED_INITIAL));
    return best;
  }
}

function isLatinCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

// --- search ---------------------------------------------------------------------------------------

interface Candidate {
  row: number;
  rank: number;
  /** sort key within the kind: match start, then name length */
  start: number;
  length: number;
  /** [start, end) in folded-name characters (name kinds) or tokens (reading kinds) or the USCC */
  from: number;
  to: number;
}

const KINDS: MatchKind[] = ['exact', 'prefix', 'substring', 'pinyin', 'initials', 'mixed', 'uscc'];

/**
 * The best `limit` candidates in order. A small limit (a search box) keeps a short sorted list and turns
 * most of a one-letter query's 70k matches away with one comparison; a large one (every file of a
 * filtered list) collects all and sorts once, instead of inserting into a long list.
 */
class TopK {
  private readonly items: Candidate[] = [];
  private readonly sorted: boolean;
  total = 0;

  constructor(private readonly index: SearchIndex, private readonly limit: number) {
    this.sorted = limit <= 256;
  }

  private before(rank: number, start: number, length: number, row: number, other: Candidate): boolean {
    if (rank !== other.rank) return rank < other.rank;
    if (start !== other.start) return start < other.start;
    if (length !== other.length) return length < other.length;
    return this.index.names[row]! < this.index.names[other.row]!;
  }

  offer(row: number, kind: MatchKind, start: number, from: number, to: number): void {
    this.total++;
    const items = this.items;
    const rank = KIND_RANK[kind];
    const length = this.index.filters[row * FILTER_STRIDE + F_LENGTH]!;
    if (!this.sorted) {
      items.push({ row, rank, start, length, from, to });
      return;
    }
    if (items.length === this.limit && !this.before(rank, start, length, row, items[items.length - 1]!)) return;
    let i = items.length;
    while (i > 0 && this.before(rank, start, length, row, items[i - 1]!)) i--;
    items.splice(i, 0, { row, rank, start, length, from, to });
    if (items.length > this.limit) items.pop();
  }

  best(): Candidate[] {
    if (this.sorted) return this.items;
    const first = (a: Candidate, b: Candidate) => this.before(a.rank, a.start, a.length, a.row, b);
    return this.items.sort((a, b) => (first(a, b) ? -1 : first(b, a) ? 1 : 0)).slice(0, this.limit);
  }
}

/** Maps folded-name offsets (foldText drops spaces) back to the name. */
function nameRange(name: string, from: number, to: number): [number, number] {
  let folded = 0;
  let offset = 0;
  let start = -1;
  for (const ch of name) {
    const f = foldText(ch);
    if (folded === from && start < 0 && f !== '') start = offset;
    folded += f.length;
    offset += ch.length;
    if (folded >= to && start >= 0) return [start, offset];
  }
  return [Math.max(start, 0), offset];
}

function toHit(index: SearchIndex, c: Candidate): SearchHit {
  const id = index.ids[c.row]!;
  const name = index.names[c.row]!;
  const kind = KINDS[c.rank]!;
  if (kind === 'uscc') return { id, kind, range: [c.from, c.to] };
  if (kind === 'exact' || kind === 'prefix' || kind === 'substring') return { id, kind, range: nameRange(name, c.from, c.to) };
  const { chars, offsets } = nameTokens(name);
  const last = c.to - 1;
  return { id, kind, range: [offsets[c.from]!, offsets[last]! + chars[last]!.length] };
}

function hasPairs(filters: Int32Array, base: number, pairs: number[]): boolean {
  for (let i = 0; i < pairs.length; i += 2) {
    const mask = pairs[i + 1]!;
    if ((filters[base + pairs[i]!]! & mask) !== mask) return false;
  }
  return true;
}

function queryMask(q: string): number {
  let mask = 0;
  for (let i = 0; i < q.length; i++) mask |= letterBit(q.charCodeAt(i));
  return mask;
}

/** the GB 32100 alphabet (no I, O, Z, S, V), lower case as folded */
const USCC_QUERY = /^[0-9abcdefghjklmnpqrtuwxy]{4,18}$/;

export function search(index: SearchIndex, query: string, limit = 50): SearchResult {
  const q = foldText(query);
  if (q === '' || limit <= 0) return { hits: [], total: 0 };
  const top = new TopK(index, limit);
  const latin = [...q].filter(isLatin).join('');
  const allLatin = latin.length === q.length;
  const hasLatin = latin.length > 0;
  // A mixed query: each run of 汉字 must appear in the name before the readings are tried.
  const hanRuns = allLatin ? [] : q.split(/[0-9a-z]+/).filter((s) => s !== '');
  const mask = queryMask(latin);
  const first = allLatin ? letterBit(q.charCodeAt(0)) : 0;
  const pairs = allLatin ? queryPairs(q) : [];
  const usccPrefix = USCC_QUERY.test(q) ? q.toUpperCase() : null;
  const matcher = new ReadingMatcher(index, q);
  const { folded, latinName, filters, uscc } = index;

  for (let row = 0, base = 0; row < folded.length; row++, base += FILTER_STRIDE) {
    const name = folded[row]!;
    const at = allLatin && !latinName[row] ? -1 : name.indexOf(q);
    if (at >= 0) {
      top.offer(row, name.length === q.length ? 'exact' : at === 0 ? 'prefix' : 'substring', at, at, at + q.length);
      continue;
    }
    if (hasLatin && (filters[base + F_LETTERS]! & mask) === mask) {
      const matched = allLatin
        ? (filters[base + F_STARTS]! & first) !== 0 &&
          hasPairs(filters, base, pairs) &&
          matcher.match(filters[base + F_DATA_START]!, filters[base + F_DATA_END]!, null, false)
        : hanRuns.every((run) => name.includes(run)) &&
          matcher.match(filters[base + F_DATA_START]!, filters[base + F_DATA_END]!, nameTokens(index.names[row]!).chars, true);
      if (matched) {
        top.offer(row, matcher.kind, matcher.startToken, matcher.startToken, matcher.endToken);
        continue;
      }
    }
    if (usccPrefix && uscc[row]!.startsWith(usccPrefix)) top.offer(row, 'uscc', 0, 0, usccPrefix.length);
  }
  return { hits: top.best().map((c) => toHit(index, c)), total: top.total };
}
