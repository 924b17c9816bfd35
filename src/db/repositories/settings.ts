import type { Executor } from '../database.js';
import type { InvitationsFrom } from '../schema.js';

export interface MemberSettings {
  invitationsFrom: InvitationsFrom;
  autoWithdrawAfterDays: number | null;
  emailNotifications: boolean;
}

export async function loadSettings(db: Executor, memberId: number): Promise<MemberSettings> {
  const row = await db.selectFrom('member_settings').selectAll().where('member_id', '=', memberId).executeTakeFirst();
  return {
    invitationsFrom: row?.invitations_from ?? 'everyone',
    autoWithdrawAfterDays: row?.auto_withdraw_after_days ?? null,
    emailNotifications: row?.email_notifications ?? true,
  };
}

export async function updateSettings(db: Executor, memberId: number, patch: Partial<MemberSettings>): Promise<void> {
  const values = {
    ...(patch.invitationsFrom !== undefined ? { invitations_from: patch.invitationsFrom } : {}),
    ...(patch.autoWithdrawAfterDays !== undefined ? { auto_withdraw_after_days: patch.autoWithdrawAfterDays } : {}),
    ...(patch.emailNotifications !== undefined ? { email_notifications: patch.emailNotifications } : {}),
  };
  if (Object.keys(values).length === 0) return;
  await db
    .insertInto('member_settings')
    .values({ member_id: memberId, auto_withdraw_after_days: null, ...values })
    .onConflict((oc) => oc.column('member_id').doUpdateSet(values))
    .execute();
}
