/**
 * The values an invitation carries, owned by the domain (`db/schema.ts` imports them from here).
 * The transitions between statuses are in `invitation-state.ts`.
 */

export type InvitationStatus = 'pending' | 'accepted' | 'ignored' | 'declined' | 'reported' | 'withdrawn' | 'expired';
/** The sender's answer to "how do you know each other?". */
export type HowWeMet = 'colleague' | 'classmate' | 'business' | 'friend' | 'other';
/** Why a recipient reported an invitation: "I don't know this person" or spam. */
export type ReportReason = 'dont_know' | 'spam';
