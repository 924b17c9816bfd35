import type { AppContext } from '../context.js';
import { findPhotoBytes } from '../db/repositories/photos.js';
import type { PhotoSize } from '../domain/photo-rules.js';

/** One size of a photo by its key, or null when no photo has that key (any more). */
export async function readProfilePhoto(ctx: AppContext, key: string, size: PhotoSize): Promise<Buffer | null> {
  const bytes = await findPhotoBytes(ctx.db, key, size);
  return bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : null;
}
