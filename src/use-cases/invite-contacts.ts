import type { AppContext } from '../context.js';
import { DomainError, isDomainError, type DomainErrorCode } from '../domain/errors.js';
import { normalizeEmail } from '../domain/member.js';
import { checkNote } from '../domain/note.js';
import { findContactsOf } from '../db/repositories/contacts.js';
import { visibleMembersByEmail } from '../db/repositories/members.js';
import { sendInvitation } from './send-invitation.js';

export type ContactInviteOutcome =
  | { contactId: number; outcome: 'sent' | 'connected'; invitationId: number }
  | { contactId: number; outcome: 'refused'; code: DomainErrorCode; detail: string; extra: Record<string, unknown> }
  /** Not tried: an earlier refusal (`code`) stops the rest, e.g. `quota_exceeded`. */
  | { contactId: number; outcome: 'not_attempted'; code: DomainErrorCode };

/** Refusals that would refuse every later send too, so the batch stops there. */
const STOPS_THE_BATCH = new Set<DomainErrorCode>(['quota_exceeded', 'captcha_required', 'captcha_invalid', 'unauthorized']);

/**
 * Invites the contacts the member picked, with one note for all, one by one through
 * `sendInvitation` — every rule and quota of a single send applies — and tells what happened to
 * each. A member is invited by id with the address from the contacts (which proves the sender knows
 * it); anyone else by address, as an invitation to join.
 */
export async function inviteContacts(ctx: AppContext, senderId: number, input: { contactIds: readonly number[]; note?: string | undefined }): Promise<ContactInviteOutcome[]> {
  const note = checkNote(input.note, ctx.policy);
  if (!note.ok) {
    if (note.code === 'note_too_long') {
      throw new DomainError('note_too_long', `A note can be ${note.max} characters at most; this one has ${note.length}.`, { max: note.max, length: note.length });
    }
    throw new DomainError('note_invalid', `The note cannot be sent: ${note.reason}.`);
  }
  const ids = [...new Set(input.contactIds)];
  const contacts = await findContactsOf(ctx.db, senderId, ids);
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const members = await visibleMembersByEmail(ctx.db, senderId, contacts.map((c) => normalizeEmail(c.email)));

  const outcomes: ContactInviteOutcome[] = [];
  let stoppedBy: DomainErrorCode | null = null;
  for (const contactId of ids) {
    if (stoppedBy) {
      outcomes.push({ contactId, outcome: 'not_attempted', code: stoppedBy });
      continue;
    }
    const contact = byId.get(contactId);
    if (!contact) {
      outcomes.push({ contactId, outcome: 'refused', code: 'not_found', detail: 'No such contact.', extra: {} });
      continue;
    }
    const member = members.get(normalizeEmail(contact.email));
    try {
      const result = await sendInvitation(ctx, senderId, {
        ...(member ? { recipientId: member.id } : {}),
        email: contact.email,
        note: input.note,
        source: 'import',
      });
      outcomes.push({ contactId, outcome: result.kind === 'sent' ? 'sent' : 'connected', invitationId: result.invitation.id });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      outcomes.push({ contactId, outcome: 'refused', code: error.code, detail: error.message, extra: error.extra });
      if (STOPS_THE_BATCH.has(error.code)) stoppedBy = error.code;
    }
  }
  return outcomes;
}
