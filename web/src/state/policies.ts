/**
 * The policy library (`pol-library`, 惠企政策) on this device. Like the district config, the doc stays
 * acquired while someone is signed in: sync keeps it current, every page reads it offline, and a
 * commissioner in a factory with no network still has every item.
 *
 * Search covers each item's name, document, department, benefit (and code) in 汉字 / pinyin / initials with the
 * same index as the file search. Keys come from the keys worker (pinyin-pro stays off the main thread);
 * the index over ≤ 1,000 items (5 texts each) is rebuilt on the main thread on each change — a few ms.
 *
 * Writes (coordinators and admins; the relay refuses anyone else) go through `change`: one transaction
 * on the doc, stored on the device first, synced when online.
 */
import { createSignal, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import {
  POLICY_LIBRARY_DOC_ID,
  addToIndex,
  createSearchIndex,
  readPolicyItems,
  search,
  type PolicyItem,
  type Principal,
  type SearchIndex,
} from '@bangqi/shared';
import type { DocStore } from '../domain/docStore.ts';
import type { KeysFor } from '../workers/keys.ts';
import { openSharedDoc } from './sharedDoc.ts';

export interface PolicyStore {
  /** every item, incl. expired and withdrawn, sorted by code */
  items: Accessor<PolicyItem[]>;
  /** true once the stored doc is loaded */
  ready: Accessor<boolean>;
  /** one transaction on the library doc */
  change(fn: (doc: Y.Doc) => void): void;
  /** items matching the query (name, document, department, benefit), best first; all items for '' */
  search(q: string): PolicyItem[];
  /** the time the last index rebuild took, in ms (shown nowhere; measured by tests and the bench) */
  lastIndexMs: Accessor<number>;
  dispose(): void;
}

/** The texts of an item that search looks in, in ranking order (a name hit beats a document hit); the code too, typed off a printed list. */
export const SEARCH_FIELDS = ['name', 'document', 'department', 'benefit', 'code'] as const;
const SEP = '\u0000';

export function mayEditPolicies(p: Principal | null): boolean {
  return p?.role === 'coordinator' || p?.role === 'admin';
}

/**
 * The search part, apart from the doc so it can be tested without one. Keys are cached by text: an edit
 * to one item asks the worker only for its new texts.
 */
export class PolicySearch {
  private readonly keys = new Map<string, string>();
  private index: SearchIndex = createSearchIndex();
  private byCode = new Map<string, PolicyItem>();
  private items: readonly PolicyItem[] = [];
  lastMs = 0;

  constructor(
    private readonly keysFor: KeysFor,
    private readonly changed: () => void,
  ) {}

  setItems(items: readonly PolicyItem[]): void {
    this.items = items;
    this.rebuild();
    const texts = new Set<string>();
    for (const item of items) for (const f of SEARCH_FIELDS) if (item[f] !== '' && !this.keys.has(item[f])) texts.add(item[f]);
    const missing = [...texts];
    if (missing.length === 0) return;
    this.keysFor(missing).then(
      (keys) => {
        missing.forEach((text, i) => this.keys.set(text, keys[i] ?? ''));
        if (this.items === items) {
          this.rebuild();
          this.changed();
        }
      },
      (err) => console.warn('[policies] keys failed', err),
    );
  }

  private rebuild(): void {
    const started = performance.now();
    const index = createSearchIndex();
    this.byCode = new Map();
    for (const item of this.items) {
      this.byCode.set(item.code, item);
      for (const f of SEARCH_FIELDS) {
        const text = item[f];
        if (text === '') continue;
        addToIndex(index, { id: `${item.code}${SEP}${f}`, name: text, uscc: '', keys: this.keys.get(text) ?? '' });
      }
    }
    this.index = index;
    this.lastMs = performance.now() - started;
  }

  search(q: string): PolicyItem[] {
    if (q.trim() === '') return [...this.items];
    const { hits } = search(this.index, q, this.index.ids.length);
    // Best hit per item: a name match first, then by the index's own ranking.
    const best = new Map<string, { field: number; order: number }>();
    hits.forEach((h, order) => {
      const [code, field] = h.id.split(SEP) as [string, (typeof SEARCH_FIELDS)[number]];
      const rank = { field: SEARCH_FIELDS.indexOf(field), order };
      const seen = best.get(code);
      if (!seen || rank.field < seen.field) best.set(code, rank);
    });
    return [...best.entries()]
      .sort((a, b) => (a[1].field === 0 ? 0 : 1) - (b[1].field === 0 ? 0 : 1) || a[1].order - b[1].order)
      .map(([code]) => this.byCode.get(code)!)
      .filter(Boolean);
  }
}

const sameItems = (a: readonly PolicyItem[], b: readonly PolicyItem[]) =>
  a.length === b.length && a.every((x, i) => x.updatedAt === b[i]!.updatedAt && JSON.stringify(x) === JSON.stringify(b[i]));

export function createPolicyStore(docs: DocStore, keysFor: KeysFor): PolicyStore {
  const [items, setItems] = createSignal<PolicyItem[]>([]);
  const [ready, setReady] = createSignal(false);
  const [version, setVersion] = createSignal(0);
  const [lastIndexMs, setLastIndexMs] = createSignal(0);
  const finder = new PolicySearch(keysFor, () => setVersion((v) => v + 1));

  const read = (doc: Y.Doc) => {
    const next = readPolicyItems(doc);
    if (sameItems(next, items())) return;
    finder.setItems(next);
    setLastIndexMs(finder.lastMs);
    setItems(next);
  };

  const shared = openSharedDoc(docs, POLICY_LIBRARY_DOC_ID, {
    read,
    loaded: () => setReady(true),
    label: 'policies',
    usedAfterDispose: 'policy library used after sign-out',
  });

  return {
    items,
    ready,
    lastIndexMs,
    change: shared.change,
    search(q) {
      version(); // re-run in memos when pinyin keys arrive
      items();
      return finder.search(q);
    },
    dispose: shared.dispose,
  };
}
