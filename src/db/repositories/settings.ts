import type { Executor } from '../database.js';
import type { InvitationsFrom } from '../schema.js';

export const MAIL_CATEGORIES = ['invitations', 'reminders', 'updates', 'standing'] as const;
export type MailCategoryName = (typeof MAIL_CATEGORIES)[number];

export interface MemberSettings {
  invitationsFrom: InvitationsFrom;
  autoWithdrawAfterDays: number | null;
  /** The master switch for notification mail. */
  emailNotifications: boolean;
  /** Each category of mail, on unless switched off. */
  emailCategories: Record<MailCategoryName, boolean>;
  /** `weekly`: one digest a week instead of single mails (standing mail always comes at once). */
  digest: 'off' | 'weekly';
}

function categoriesOf(stored: Record<string, boolean> | string | undefined): Record<MailCategoryName, boolean> {
  const parsed = (typeof stored === 'string' ? JSON.parse(stored) : stored) ?? {};
  return Object.fromEntries(MAIL_CATEGORIES.map((category) => [category, parsed[category] !== false])) as Record<MailCategoryName, boolean>;
}

export async function loadSettings(db: Executor, memberId: number): Promise<MemberSettings> {
  const row = await db.selectFrom('member_settings').selectAll().where('member_id', '=', memberId).executeTakeFirst();
  return {
    invitationsFrom: row?.invitations_from ?? 'everyone',
    autoWithdrawAfterDays: row?.auto_withdraw_after_days ?? null,
    emailNotifications: row?.email_notifications ?? true,
    emailCategories: categoriesOf(row?.email_categories),
    digest: row?.digest ?? 'off',
  };
}

export type SettingsPatch = Partial<Omit<MemberSettings, 'emailCategories'>> & { emailCategories?: Partial<Record<MailCategoryName, boolean>> };

export async function updateSettings(db: Executor, memberId: number, patch: SettingsPatch): Promise<void> {
  const current = await loadSettings(db, memberId);
  const values = {
    ...(patch.invitationsFrom !== undefined ? { invitations_from: patch.invitationsFrom } : {}),
    ...(patch.autoWithdrawAfterDays !== undefined ? { auto_withdraw_after_days: patch.autoWithdrawAfterDays } : {}),
    ...(patch.emailNotifications !== undefined ? { email_notifications: patch.emailNotifications } : {}),
    ...(patch.emailCategories !== undefined ? { email_categories: JSON.stringify({ ...current.emailCategories, ...patch.emailCategories }) } : {}),
    ...(patch.digest !== undefined ? { digest: patch.digest } : {}),
  };
  if (Object.keys(values).length === 0) return;
  await db
    .insertInto('member_settings')
    .values({ member_id: memberId, auto_withdraw_after_days: null, ...values })
    .onConflict((oc) => oc.column('member_id').doUpdateSet(values))
    .execute();
}

/** Switches one mail category off (an unsubscribe link); false when the member has no settings row (gone). */
export async function switchOffMailCategory(db: Executor, memberId: number, category: string): Promise<boolean> {
  const settings = await db.selectFrom('member_settings').select('email_categories').where('member_id', '=', memberId).executeTakeFirst();
  if (!settings) return false;
  const current = typeof settings.email_categories === 'string' ? JSON.parse(settings.email_categories) : settings.email_categories;
  await db
    .updateTable('member_settings')
    .set({ email_categories: JSON.stringify({ ...current, [category]: false }) })
    .where('member_id', '=', memberId)
    .execute();
  return true;
}
