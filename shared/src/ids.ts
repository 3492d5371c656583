/**
 * Document ids: `<kind>-<id>`. The kind says which schema the doc follows; the id is opaque.
 * Kept short and URL-safe because it travels in every frame and in `/y/<docId>` paths.
 */
/**
 * ent: an enterprise file (一企一档, with its visits and plans) · dem: one demand (诉求) ·
 * iss: one common issue (共性问题) grouping demands · cfg: district settings (holiday calendar, deadline
 * tiers, visit rules; one doc, `cfg-district`) · pol: the policy library (惠企政策; one doc, `pol-library`).
 */
export const DOC_KINDS = ['ent', 'dem', 'iss', 'cfg', 'pol'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

const DOC_ID = /^([a-z]{2,8})-([A-Za-z0-9_-]{1,64})$/;

export function isDocId(value: string): boolean {
  return DOC_ID.test(value);
}

export function docKind(docId: string): string | null {
  return DOC_ID.exec(docId)?.[1] ?? null;
}

/** Web Crypto exists in browsers and Node 20; shared/ is typed without DOM or Node libs, so say so here. */
const webCrypto = (globalThis as unknown as { crypto: { randomUUID(): string } }).crypto;

/** The one district settings doc. */
export const DISTRICT_CONFIG_DOC_ID = 'cfg-district';

/** A new random id for a record inside a doc (visit, plan, event): unique across devices. */
export function newRecordId(): string {
  return webCrypto.randomUUID().replaceAll('-', '').slice(0, 20);
}

/** A new random id for a doc of the given kind. */
export function newDocId(kind: DocKind): string {
  return `${kind}-${webCrypto.randomUUID().replaceAll('-', '')}`;
}
