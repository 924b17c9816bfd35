/**
 * What a member is, as the rules see it. The database stores these values (`db/schema.ts` imports
 * them from here), but the domain owns them: a rule never reaches into the storage layer for a type.
 */

/** A person connects; a company page can be followed but never connects. */
export type MemberKind = 'person' | 'company';
export type MemberRole = 'member' | 'admin';
/** Decides the quotas, the InMail credits and the introductions a member has (see `Policy`). */
export type MemberTier = 'free' | 'premium';
/** Who may invite the member without knowing their email address (`member_settings.invitations_from`). */
export type InvitationsFrom = 'everyone' | 'email_or_contacts' | 'contacts_only';

/** The form an address is compared in: one member per address, one invitation per address. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The letters of a member's avatar, as the API and the mails show them: first and last word's first letter. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words;
  return letters.map((word) => Array.from(word)[0]!.toUpperCase()).join('');
}
