import type { Executor, Trx } from '../database.js';

export interface StoredPhoto {
  key: string;
  memberId: number;
  large: Uint8Array;
  small: Uint8Array;
  createdAt: Date;
}

/** Makes this the member's one photo: the previous one (its bytes and its key) is gone. */
export async function replaceMemberPhoto(trx: Trx, photo: StoredPhoto): Promise<void> {
  await trx.deleteFrom('member_photos').where('member_id', '=', photo.memberId).execute();
  await trx
    .insertInto('member_photos')
    .values({ key: photo.key, member_id: photo.memberId, large: photo.large, small: photo.small, created_at: photo.createdAt })
    .execute();
  await trx.updateTable('members').set({ photo_key: photo.key }).where('id', '=', photo.memberId).execute();
}

/** Removes the member's photo; answers whether there was one. */
export async function deleteMemberPhoto(trx: Trx, memberId: number): Promise<boolean> {
  const deleted = await trx.deleteFrom('member_photos').where('member_id', '=', memberId).executeTakeFirst();
  await trx.updateTable('members').set({ photo_key: null }).where('id', '=', memberId).execute();
  return Number(deleted.numDeletedRows) > 0;
}

/** The bytes of one size of a photo, by its key; reads only the size asked for. */
export async function findPhotoBytes(db: Executor, key: string, size: 'large' | 'small'): Promise<Uint8Array | undefined> {
  const query = db.selectFrom('member_photos').where('key', '=', key);
  const row = size === 'large' ? await query.select('large as bytes').executeTakeFirst() : await query.select('small as bytes').executeTakeFirst();
  return row?.bytes;
}
