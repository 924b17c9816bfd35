import { randomBytes } from 'node:crypto';
import type { Db } from './database.js';

/**
 * The key every process signs with. Made once, on the first start, and kept in the database so
 * that all processes of a deployment agree on it.
 */
export async function loadServiceSecret(db: Db): Promise<string> {
  await db
    .insertInto('service_settings')
    .values({ key: 'secret', value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('service_settings').select('value').where('key', '=', 'secret').executeTakeFirstOrThrow();
  return row.value;
}
