/**
 * Bytes of a CSV file → text. Excel in China saves "CSV" in the ANSI code page, GBK (read as its superset
 * GB18030); newer Excel and other tools save UTF-8, often with a BOM. Valid UTF-8 is tried first: GBK
 * text almost never is valid UTF-8, while UTF-8 Chinese read as GB18030 would decode silently to mojibake.
 */

/** TextDecoder is in every browser, worker and Node; shared compiles without DOM types, so declare what we use. */
declare const TextDecoder: new (label: string, options?: { fatal?: boolean }) => { decode(bytes: Uint8Array): string };

export type CsvEncoding = 'utf-8' | 'gb18030';

export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  let text: string;
  let encoding: CsvEncoding = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('gb18030').decode(bytes);
    encoding = 'gb18030';
  }
  // TextDecoder drops a UTF-8 BOM itself but keeps GB18030's (84 31 95 33 → U+FEFF).
  return { text: text.replace(/^\ufeff/, ''), encoding };
}
