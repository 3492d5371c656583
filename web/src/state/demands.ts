/**
 * 诉求 on this device: the list rows (read ONLY from the materialized `demands` table, which sync fills
 * with the rows of every dem-* doc the relay lets this user read), their working-day timing against the
 * district calendar, and the writes — raise a demand (a new dem-* doc), append a lifecycle event, edit
 * the info, attach a blob. Every write goes into the doc through the DocStore, which stores it before
 * sync sends it: all of them work offline.
 *
 * `openDemand` is the page's view of one doc (info, events, attachments, derived status), live.
 */
import { createMemo, createSignal, onCleanup, type Accessor } from 'solid-js';
import {
  DEFAULT_SETTINGS,
  OFFICIAL_HOLIDAYS,
  addDemandAttachment,
  appendDemandEvent,
  chinaDay,
  createDemand,
  demandTiming,
  materializeDemand,
  newDocId,
  readDemandAttachments,
  readVisits,
  updateVisit,
  readDemandEvents,
  readDemandInfo,
  updateDemandInfo,
  type AttachmentRef,
  type DemandCategory,
  type DemandEvent,
  type DemandEventInput,
  type DemandInfo,
  type DemandRow,
  type DistrictSettings,
  type HolidayTable,
  type UrgencyTier,
} from '@bangqi/shared';
import type { DocStore } from '../domain/docStore.ts';
import type { AppDb } from '../storage/db.ts';
import { liveTable } from './liveTable.ts';
import { followDoc, openStatus, type OpenStatus } from './openDoc.ts';

export type { OpenStatus } from './openDoc.ts';

/** What the raiser types (the enterprise and visit come from where it was raised). */
export interface RaiseFields {
  title: string;
  description: string;
  category: DemandCategory;
  urgency: UrgencyTier;
  contactName: string;
  contactPhone: string;
}

export type EditableInfo = Partial<Pick<DemandInfo, 'title' | 'description' | 'category' | 'urgency' | 'contactName' | 'contactPhone'>>;

export type DemandTiming = ReturnType<typeof demandTiming>;

/** The enterprise a demand is raised for (its row, or the open file's profile). */
export interface RaiseTarget {
  id: string;
  name: string;
  town: string;
}

export interface DemandStore {
  rows: Accessor<DemandRow[]>;
  loading: Accessor<boolean>;
  /** the district settings the deadlines are counted with (tiers, extension cap, near-due) */
  settings: Accessor<DistrictSettings>;
  /** today's China day (YYYY-MM-DD), refreshed every minute so badges roll over at midnight */
  today: Accessor<string>;
  /** remaining working days, due day, overdue/near-due of a row (district settings + holiday table) */
  timing(row: Pick<DemandRow, 'acceptedAt' | 'urgency' | 'extensionDays' | 'resolvedAt' | 'state'>): DemandTiming;
  /** creates the dem-* doc (info + the 受理 event) offline; resolves with its doc id once stored */
  raise(enterprise: RaiseTarget, fields: RaiseFields, visitId?: string): Promise<string>;
  /** appends one lifecycle event (opens the doc, appends, releases); resolves once stored */
  act(demandId: string, input: DemandEventInput): Promise<DemandEvent>;
  updateInfo(demandId: string, fields: EditableInfo): Promise<void>;
  addAttachment(demandId: string, ref: Omit<AttachmentRef, 'addedAt' | 'addedBy'>): Promise<void>;
  /**
   * 转为诉求: one demand item of a saved visit becomes a demand (category 其他, urgency 一般 — refined on
   * its page), and the visit records its id in `demandIds`. Offline like every write.
   */
  raiseFromVisit(enterprise: RaiseTarget, visitId: string, item: string): Promise<string>;
}

/** A demand item's first line, shortened to a title. */
export function titleFromItem(item: string): string {
  const line = item.trim().split(/\r?\n/u)[0]!.trim();
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
}

export interface DemandStoreOptions {
  db: AppDb;
  docs: Pick<DocStore, 'acquire'>;
  /** the signed-in user's id (the `by` of every event) */
  userId: Accessor<string | null>;
  settings?: Accessor<DistrictSettings>;
  holidays?: Accessor<HolidayTable>;
  now?: () => number;
}

/** Trims the typed fields (the doc never stores stray whitespace). */
export function cleanFields(fields: RaiseFields): RaiseFields {
  return {
    title: fields.title.trim(),
    description: fields.description.trim(),
    category: fields.category,
    urgency: fields.urgency,
    contactName: fields.contactName.trim(),
    contactPhone: fields.contactPhone.trim(),
  };
}

export function createDemandStore(opts: DemandStoreOptions): DemandStore {
  const now = opts.now ?? Date.now;
  const settings = opts.settings ?? (() => DEFAULT_SETTINGS);
  const holidays = opts.holidays ?? (() => OFFICIAL_HOLIDAYS);
  const [today, setToday] = createSignal(chinaDay(now()));
  const tick = setInterval(() => setToday(chinaDay(now())), 60_000);
  onCleanup(() => clearInterval(tick));

  // Re-read on change, never two reads at once (a catch-up writes many rows in a few transactions).
  const { rows, loading } = liveTable(opts.db.demands, 'demands', 200);

  // One cache per (settings, holidays, today): lists of hundreds of rows ask row by row on every render.
  const timingCache = createMemo(() => {
    void settings();
    void holidays();
    void today();
    return new Map<string, DemandTiming>();
  });
  const timing: DemandStore['timing'] = (row) => {
    const key = `${row.acceptedAt}|${row.urgency}|${row.extensionDays}|${row.resolvedAt}|${row.state}`;
    const cache = timingCache();
    let hit = cache.get(key);
    if (!hit) {
      hit = demandTiming(row as DemandRow, today(), settings(), holidays());
      cache.set(key, hit);
    }
    return hit;
  };

  const by = () => opts.userId() ?? 'unknown';

  /** Runs `write` on the opened doc and waits until what it wrote is in IndexedDB. */
  async function withDoc<T>(docId: string, write: (doc: import('yjs').Doc) => T): Promise<T> {
    const handle = opts.docs.acquire(docId);
    try {
      await handle.ready;
      const result = write(handle.doc);
      await handle.flush();
      return result;
    } finally {
      handle.release();
    }
  }

  const raise: DemandStore['raise'] = async (enterprise, fields, visitId = '') => {
    const id = newDocId('dem');
    const clean = cleanFields(fields);
    await withDoc(id, (doc) =>
      createDemand(doc, { ...clean, enterpriseId: enterprise.id, enterpriseName: enterprise.name, town: enterprise.town, visitId }, by(), now()),
    );
    return id;
  };

  return {
    rows,
    loading,
    settings,
    today,
    timing,
    raise,
    act: (demandId, input) => withDoc(demandId, (doc) => appendDemandEvent(doc, input, by(), now())),
    updateInfo: (demandId, fields) => withDoc(demandId, (doc) => updateDemandInfo(doc, fields)),
    addAttachment: (demandId, ref) => withDoc(demandId, (doc) => addDemandAttachment(doc, { ...ref, addedAt: now(), addedBy: by() })),
    async raiseFromVisit(enterprise, visitId, item) {
      const fields: RaiseFields = { title: titleFromItem(item), description: item.trim(), category: '其他', urgency: 'ordinary', contactName: '', contactPhone: '' };
      const id = await raise(enterprise, fields, visitId);
      await withDoc(enterprise.id, (doc) => {
        const visit = readVisits(doc).find((v) => v.id === visitId);
        if (visit && !visit.demandIds.includes(id)) updateVisit(doc, visitId, { demandIds: [...visit.demandIds, id] }, by(), now());
      });
      return id;
    },
  };
}

/** One demand doc open on screen, following every change (local or remote). */
export interface OpenDemand {
  status: Accessor<OpenStatus>;
  info: Accessor<DemandInfo | null>;
  /** oldest first, in (at, id) order like derive.ts */
  events: Accessor<DemandEvent[]>;
  attachments: Accessor<AttachmentRef[]>;
  /** the row as lists see it, straight from the open doc (right before the table is rewritten) */
  row: Accessor<DemandRow | null>;
}

export function openDemand(docs: Pick<DocStore, 'acquire'>, docId: string, settled: Accessor<boolean>): OpenDemand {
  const handle = docs.acquire(docId);
  const { doc } = handle;
  const [info, setInfo] = createSignal<DemandInfo | null>(null);
  const [events, setEvents] = createSignal<DemandEvent[]>([]);
  const [attachments, setAttachments] = createSignal<AttachmentRef[]>([]);
  const [row, setRow] = createSignal<DemandRow | null>(null);
  const refresh = () => {
    setInfo(readDemandInfo(doc));
    setEvents(readDemandEvents(doc));
    setAttachments(readDemandAttachments(doc));
    setRow(materializeDemand(docId, doc));
  };
  const loaded = followDoc(handle, refresh);
  const status = createMemo(openStatus(loaded, () => Boolean(info()), settled));
  return { status, info, events, attachments, row };
}
