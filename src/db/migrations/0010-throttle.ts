import { sql, type Kysely } from 'kysely';

/**
 * The counters of sign-in and sign-up throttling, shared by every process: rate-limiter-flexible's
 * PostgreSQL store layout (`key`, `points`, `expire` in epoch milliseconds), created here rather
 * than by the library at run time (`tableCreated: true`), so it exists on both backends before the
 * first request. Keys: `signin:account:<email>`, `signin:address:<ip>`, `signup:…` (see
 * `use-cases/auth-throttle.ts`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table auth_throttle (
    key varchar(255) primary key,
    points integer not null default 0,
    expire bigint
  )`.execute(db);
  await sql`create index auth_throttle_expire on auth_throttle (expire)`.execute(db);
}
