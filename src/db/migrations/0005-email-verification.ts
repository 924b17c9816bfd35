import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table members add column email_verified_at timestamptz`.execute(db);
}
