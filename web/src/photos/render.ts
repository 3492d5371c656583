/**
 * What a prepared photo is, independent of where it is drawn (worker OffscreenCanvas or page canvas):
 * the long edge scaled to ≤ 1600 px, a watermark strip along the bottom (time in China time, the
 * enterprise, the place), JPEG with the quality stepped down until ≤ 300 KB — and, if even the lowest
 * quality is too big (a very detailed scene), the size shrunk by steps and tried again.
 * Re-encoding from pixels drops every EXIF field (GPS, camera, the original time) by construction.
 */
export interface PhotoMark {
  at: number;
  enterpriseName: string;
  place: string;
}

export const MAX_EDGE = 1600;
export const MAX_BYTES = 300 * 1024;
/** JPEG qualities tried in order; 0.8 is where a phone photo at 1600 px usually fits already */
export const QUALITIES = [0.8, 0.7, 0.6, 0.5, 0.4] as const;
/** factor applied to the long edge when no quality fits; the smallest edge tried */
const SHRINK = 0.8;
const MIN_EDGE = 480;

/** The drawn size: aspect kept, long edge ≤ maxEdge, never enlarged, at least 1 px. */
export function fitSize(width: number, height: number, maxEdge = MAX_EDGE): { width: number; height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** `YYYY-MM-DD HH:mm` in China time (UTC+8 all year, no daylight saving), whatever the device's zone. */
export function chinaTime(at: number): string {
  const d = new Date(at + 8 * 3600_000);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)}`;
}

/** The watermark's lines, empty parts left out. */
export function markLines(mark: PhotoMark): string[] {
  return [chinaTime(mark.at), mark.enterpriseName.trim(), mark.place.trim()].filter((l) => l !== '');
}

type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** `text` cut with … so it fits `maxWidth` at the context's current font. */
function fitText(ctx: Ctx2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  const chars = [...text];
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ctx.measureText(chars.slice(0, mid).join('') + '…').width <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('') + '…';
}

/** Draws `source` at width × height and the watermark strip over its bottom. */
export function drawPhoto(ctx: Ctx2D, source: CanvasImageSource, width: number, height: number, lines: string[]): void {
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, width, height);
  if (lines.length === 0) return;
  // readable on a phone screen whatever the photo's size: ~2.6 % of the short edge, at least 12 px
  const font = Math.max(12, Math.round(Math.min(width, height) * 0.026));
  const lineHeight = Math.round(font * 1.35);
  const pad = Math.round(font * 0.6);
  const strip = lines.length * lineHeight + 2 * pad;
  ctx.fillStyle = 'rgba(0, 0, 0, 0.5)';
  ctx.fillRect(0, height - strip, width, strip);
  ctx.fillStyle = '#fff';
  ctx.textBaseline = 'top';
  lines.forEach((line, i) => {
    ctx.font = `${i === 0 ? '600 ' : ''}${font}px "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif`;
    ctx.fillText(fitText(ctx, line, width - 2 * pad), pad, height - strip + pad + i * lineHeight + Math.round((lineHeight - font) / 2));
  });
}

/** Where the drawing happens: a canvas of a given size, and JPEG encoding of it. */
export interface Surface<C> {
  canvas(width: number, height: number): { canvas: C; ctx: Ctx2D };
  encode(canvas: C, quality: number): Promise<Blob>;
}

/**
 * The size/quality search. Returns the first encoding ≤ maxBytes; when none fits even at the smallest
 * edge, the smallest one made (a photo is never refused for being detailed).
 */
export async function renderWithin<C>(
  surface: Surface<C>,
  source: CanvasImageSource,
  sourceWidth: number,
  sourceHeight: number,
  mark: PhotoMark,
  maxBytes = MAX_BYTES,
): Promise<{ blob: Blob; width: number; height: number }> {
  const lines = markLines(mark);
  let edge = Math.min(MAX_EDGE, Math.max(sourceWidth, sourceHeight));
  let smallest: { blob: Blob; width: number; height: number } | null = null;
  for (;;) {
    const { width, height } = fitSize(sourceWidth, sourceHeight, edge);
    const { canvas, ctx } = surface.canvas(width, height);
    drawPhoto(ctx, source, width, height, lines);
    for (const q of QUALITIES) {
      const blob = await surface.encode(canvas, q);
      if (!smallest || blob.size < smallest.blob.size) smallest = { blob, width, height };
      if (blob.size <= maxBytes) return { blob, width, height };
    }
    if (edge <= MIN_EDGE && smallest) return smallest;
    edge = Math.max(MIN_EDGE, Math.round(edge * SHRINK));
  }
}
