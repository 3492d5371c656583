/**
 * Decoding a photo upright: `imageOrientation: 'from-image'` applies the EXIF orientation (a phone held
 * upright stores a landscape sensor image plus "rotate 90°"); once drawn, the pixels are upright and
 * the re-encoded JPEG carries no EXIF at all. Browsers that predate the option reject it as a TypeError
 * (their default already follows EXIF), so it is retried without.
 */
export class PhotoUnreadableError extends Error {
  constructor(cause?: unknown) {
    super('not an image this browser can decode', { cause });
    this.name = 'PhotoUnreadableError';
  }
}

export async function decodeUpright(file: Blob): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch (err) {
    if (!(err instanceof TypeError)) throw new PhotoUnreadableError(err);
  }
  try {
    return await createImageBitmap(file);
  } catch (err) {
    throw new PhotoUnreadableError(err);
  }
}
