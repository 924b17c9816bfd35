import type { Selectable } from 'kysely';
import type { Executor } from '../database.js';
import type { MessagesTable } from '../schema.js';

/** Messages by id (the last message of each conversation, say), in no particular order. */
export async function findMessagesByIds(db: Executor, ids: readonly number[]): Promise<Selectable<MessagesTable>[]> {
  return ids.length === 0 ? [] : db.selectFrom('messages').selectAll().where('id', 'in', ids).execute();
}
