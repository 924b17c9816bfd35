import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { addDays } from '../domain/clock.js';
import { statusesAllowing } from '../domain/invitation-state.js';

const BATCH = 500;

/** Expires invitations left unanswered for `expiryDays`, a batch at a time, each in its own transaction. */
export async function expireDueInvitations(ctx: AppContext): Promise<number> {
  if (ctx.policy.expiryDays === null) return 0;
  let total = 0;
  for (;;) {
    const now = ctx.clock.now();
    const cutoff = addDays(now, -ctx.policy.expiryDays);
    const expired = await ctx.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('invitations')
        .select('id')
        .where('status', 'in', [...statusesAllowing('expire')])
        .where('created_at', '<=', cutoff)
        .orderBy('created_at')
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length === 0) return [];
      const ids = due.map((row) => row.id);
      const rows = await trx
        .updateTable('invitations')
        .set({ status: 'expired', responded_at: now })
        .where('id', 'in', ids)
        .returning(['id', 'sender_id', 'recipient_id'])
        .execute();
      await trx
        .insertInto('outbox')
        .values(rows.map((row) => ({ topic: 'invitation.expired', payload: JSON.stringify({ invitationId: row.id, senderId: row.sender_id, recipientId: row.recipient_id }), created_at: now, available_at: now })))
        .execute();
      return rows;
    });
    total += expired.length;
    if (expired.length < BATCH) return total;
  }
}

/** Withdraws invitations older than their sender's `autoWithdrawAfterDays` setting. */
export async function autoWithdrawDueInvitations(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const due = await sql<{ id: number; sender_id: number; recipient_id: number | null }>`
      select i.id, i.sender_id, i.recipient_id from invitations i
      join member_settings s on s.member_id = i.sender_id and s.auto_withdraw_after_days is not null
      where i.status in ('pending', 'ignored')
        and i.created_at <= ${now}::timestamptz - make_interval(days => s.auto_withdraw_after_days)
      order by i.created_at limit 1000
      for update of i skip locked`.execute(trx);
    if (due.rows.length === 0) return 0;
    await trx.updateTable('invitations').set({ status: 'withdrawn', responded_at: now }).where('id', 'in', due.rows.map((row) => row.id)).execute();
    await trx
      .insertInto('outbox')
      .values(due.rows.map((row) => ({ topic: 'invitation.withdrawn', payload: JSON.stringify({ invitationId: row.id, senderId: row.sender_id, recipientId: row.recipient_id, auto: true }), created_at: now, available_at: now })))
      .execute();
    return due.rows.length;
  });
}
