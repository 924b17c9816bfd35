import type { AppContext } from '../context.js';
import type { CaptchaState, SendFacts } from '../domain/send-rules.js';
import { isRestricted } from '../domain/standing.js';
import type { Executor } from '../db/database.js';
import { emailHash } from '../db/repositories/contacts.js';
import { normalizeEmail } from '../domain/member.js';
import { loadPairFacts, type PairFacts, type SendingMember } from '../db/repositories/send-facts.js';
import { standingStateOf } from '../db/repositories/standing.js';
import type { MemberRow } from '../db/schema.js';

/** The recipient's row, whether either blocked the other, and the facts of `decideSend`. */
export interface LoadedSendFacts {
  recipient: MemberRow;
  blocked: boolean;
  facts: SendFacts;
}

/**
 * Loads the facts of `decideSend` for a sender and a member recipient, with the recipient's row, in
 * one statement (`loadPairFacts`). Answers undefined when the recipient does not exist.
 */
export async function loadSendFactsFor(
  db: Executor,
  ctx: AppContext,
  sender: SendingMember,
  recipientId: number,
  email: string | undefined,
  captcha: CaptchaState,
  charge: SendFacts['charge'] = 'this_send',
): Promise<LoadedSendFacts | undefined> {
  const now = ctx.clock.now();
  const pair = await loadPairFacts(db, sender.id, recipientId, emailHash(ctx.secret, sender.email), now);
  return pair && sendFactsOf(sender, pair, email, captcha, now, charge);
}

/** The facts of `decideSend` from what `loadPairFacts` read and the sender's row: every door builds them here. */
export function sendFactsOf(
  sender: SendingMember,
  pair: PairFacts,
  email: string | undefined,
  captcha: CaptchaState,
  now: Date,
  charge: SendFacts['charge'] = 'this_send',
): LoadedSendFacts {
  const { recipient } = pair;
  return {
    recipient,
    blocked: pair.blocked,
    facts: {
      sender: {
        id: sender.id,
        kind: sender.kind,
        tier: sender.tier,
        restricted: isRestricted(standingStateOf(sender), now),
        grantedExtra: pair.grantedExtra,
        connectionCount: sender.connection_count,
      },
      recipient: { id: recipient.id, kind: recipient.kind, invitationsFrom: pair.invitationsFrom, connectionCount: recipient.connection_count },
      emailGiven: email !== undefined,
      emailMatches: email !== undefined && normalizeEmail(email) === recipient.email_normalized,
      senderInRecipientContacts: pair.inContacts,
      connected: pair.connected,
      withinSecondDegree: pair.connected || pair.shareAConnection,
      shareAGroup: pair.shareAGroup,
      blocked: pair.blocked,
      openInvitation: pair.open ? { id: pair.open.id, fromSender: pair.open.senderId === sender.id } : null,
      history: pair.history,
      counts: pair.counts,
      captcha,
      charge,
    },
  };
}
