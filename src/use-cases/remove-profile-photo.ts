import type { AppContext } from '../context.js';
import { deleteMemberPhoto } from '../db/repositories/photos.js';
import { inTransaction } from '../db/transaction.js';

/** Removes the member's profile photo (their initials show again); removing none is no error. */
export async function removeProfilePhoto(ctx: AppContext, memberId: number): Promise<void> {
  await inTransaction(ctx.db, (trx) => deleteMemberPhoto(trx, memberId));
}
