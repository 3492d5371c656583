import { describe, expect, it } from 'vitest';
import { chinaTime, drawPhoto, fitSize, markLines, MAX_BYTES, QUALITIES, renderWithin, type Surface } from './render.ts';

/** A 2D context that records what is drawn; text is 10 px wide per character. */
function recordingCtx() {
  const calls: string[] = [];
  const ctx = {
    font: '',
    fillStyle: '',
    textBaseline: '',
    imageSmoothingEnabled: false,
    imageSmoothingQuality: 'low',
    drawImage: (_s: unknown, x: number, y: number, w: number, h: number) => calls.push(`image ${x},${y} ${w}x${h}`),
    fillRect: (x: number, y: number, w: number, h: number) => calls.push(`rect ${x},${y} ${w}x${h}`),
    fillText: (text: string) => calls.push(`text ${text}`),
    measureText: (text: string) => ({ width: [...text].length * 10 }),
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
}

/** A surface whose JPEG size is bytesPerPixel(quality) × pixels; records every encode. */
function fakeSurface(bytesPerPixel: (q: number) => number) {
  const encodes: string[] = [];
  const surface: Surface<{ width: number; height: number }> = {
    canvas: (width, height) => ({ canvas: { width, height }, ctx: recordingCtx().ctx }),
    encode: async (c, q) => {
      encodes.push(`${c.width}x${c.height}@${q}`);
      return new Blob([new Uint8Array(Math.round(c.width * c.height * bytesPerPixel(q)))]);
    },
  };
  return { surface, encodes };
}

const mark = { at: Date.UTC(2026, 11, 4, 16, 5), enterpriseName: ' 临河精密机械有限公司 ', place: '临河区城关街道' };

describe('photo rendering', () => {
  it('fits the long edge into 1600 px keeping the aspect, never enlarging', () => {
    expect(fitSize(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitSize(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(fitSize(800, 600)).toEqual({ width: 800, height: 600 });
    expect(fitSize(10000, 10)).toEqual({ width: 1600, height: 2 });
    expect(fitSize(5000, 1)).toEqual({ width: 1600, height: 1 });
  });

  it('writes the time in China time whatever the device zone, and leaves out empty parts', () => {
    // 16:05 UTC is 00:05 the next day in Beijing
    expect(chinaTime(mark.at)).toBe('2026-12-05 00:05');
    expect(markLines(mark)).toEqual(['2026-12-05 00:05', '临河精密机械有限公司', '临河区城关街道']);
    expect(markLines({ ...mark, place: '  ' })).toEqual(['2026-12-05 00:05', '临河精密机械有限公司']);
  });

  it('draws the photo, a strip over its bottom and each line, cutting a line too long for the width', () => {
    const { ctx, calls } = recordingCtx();
    drawPhoto(ctx, {} as CanvasImageSource, 200, 150, ['2026-12-05 00:05', '一二三四五六七八九十一二三四五六七八九十']);
    expect(calls[0]).toBe('image 0,0 200x150');
    expect(calls[1]).toMatch(/^rect 0,\d+ 200x\d+$/);
    expect(calls[2]).toBe('text 2026-12-05 00:05');
    // 200 px minus padding fits 18 characters at 10 px: 17 + …
    expect(calls[3]).toBe('text 一二三四五六七八九十一二三四五六七…');
  });

  it('steps the quality down until the JPEG fits 300 KB', async () => {
    // 1600×1200 = 1.92 M pixels: 0.8 → 576 KB, 0.7 → 384 KB, 0.6 → 288 KB (the first to fit)
    const perPixel: Record<number, number> = { 0.8: 0.3, 0.7: 0.2, 0.6: 0.15, 0.5: 0.1, 0.4: 0.05 };
    const { surface, encodes } = fakeSurface((q) => perPixel[q]!);
    const out = await renderWithin(surface, {} as CanvasImageSource, 4000, 3000, mark);
    expect(encodes).toEqual(['1600x1200@0.8', '1600x1200@0.7', '1600x1200@0.6']);
    expect(out.width).toBe(1600);
    expect(out.height).toBe(1200);
    expect(out.blob.size).toBe(288_000);
    expect(out.blob.size).toBeLessThanOrEqual(MAX_BYTES);
  });

  it('shrinks the size when even the lowest quality is too big, and never refuses a photo', async () => {
    const { surface, encodes } = fakeSurface(() => 0.5);
    const out = await renderWithin(surface, {} as CanvasImageSource, 4000, 3000, mark);
    // 0.5 byte a pixel fits 300 KB below ~614k pixels: 1600 → 1280 → 1024 → 819 (819×614 = 503k)
    expect(encodes.filter((e) => e.endsWith(`@${QUALITIES[0]}`))).toEqual(['1600x1200@0.8', '1280x960@0.8', '1024x768@0.8', '819x614@0.8']);
    expect(out).toMatchObject({ width: 819, height: 614 });
    const hopeless = fakeSurface(() => 10);
    const last = await renderWithin(hopeless.surface, {} as CanvasImageSource, 4000, 3000, mark);
    expect(last.width).toBe(480);
    expect(last.blob.size).toBe(480 * 360 * 10);
  });
});
