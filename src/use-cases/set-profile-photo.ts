import { createHash } from 'node:crypto';
import type { AppContext } from '../context.js';
import { replaceMemberPhoto } from '../db/repositories/photos.js';
import { inTransaction } from '../db/transaction.js';
import { reencodePhoto } from './reencode-photo.js';

/**
 * Makes an uploaded image the member's profile photo, replacing any earlier one. The image is
 * re-encoded first (`reencodePhoto`: a bad or hostile file is `invalid_image`, nothing stored). The
 * key names the new bytes (a hash of the member and the encoded image), so a new photo always has
 * a new address and an address, once served, never shows anything else.
 */
export async function setProfilePhoto(ctx: AppContext, memberId: number, upload: Buffer): Promise<{ key: string }> {
  const { large, small } = await reencodePhoto(upload);
  const key = createHash('sha256').update(`${memberId}:`).update(large).digest('hex').slice(0, 32);
  await inTransaction(ctx.db, (trx) => replaceMemberPhoto(trx, { key, memberId, large, small, createdAt: ctx.clock.now() }));
  return { key };
}
