import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import type { SendRefusal } from '../domain/send-rules.js';
import { newCaptchaChallenge } from './captcha.js';

const refusalMessages: Record<SendRefusal['code'], string> = {
  cannot_invite_self: 'You cannot invite yourself.',
  blocked: 'No such member.',
  companies_cannot_connect: 'Company pages cannot connect; follow them instead.',
  already_connected: 'You are already connected.',
  invitation_pending: 'There is already an invitation waiting between you.',
  email_mismatch: "That is not this member's email address.",
  reinvite_forbidden: 'You cannot invite this member again.',
  reinvite_cooldown: 'You can invite this member again later.',
  recipient_not_accepting: 'This member only accepts invitations from people in their contacts.',
  email_required: "Enter this member's email address to invite them.",
  not_eligible: 'You can invite people within your 2nd-degree network, or anyone whose email address you know.',
  connection_limit_reached: 'The connection limit has been reached.',
  quota_exceeded: 'You have reached an invitation limit.',
  captcha_required: 'Solve the challenge to send more invitations today.',
  captcha_invalid: 'The challenge answer is not valid or was already used.',
};

/** A send refusal as the member is told it (the problem document's `code`, message and extras). */
export async function refusalError(ctx: AppContext, refusal: SendRefusal): Promise<DomainError> {
  const message = refusalMessages[refusal.code];
  switch (refusal.code) {
    case 'blocked':
      // A member behind a block does not exist for the sender: the same answer as an unknown id.
      return new DomainError('not_found', message);
    case 'reinvite_cooldown':
      return new DomainError(refusal.code, message, { retryAfter: refusal.retryAfter.toISOString() });
    case 'quota_exceeded':
      return new DomainError(refusal.code, message, { limit: refusal.limit, resetAt: refusal.resetAt?.toISOString() ?? null });
    case 'captcha_required':
      return new DomainError(refusal.code, message, { challenge: await newCaptchaChallenge(ctx) });
    case 'email_required':
      return new DomainError(refusal.code, message, { reason: refusal.reason });
    case 'connection_limit_reached':
      return new DomainError(
        refusal.code,
        refusal.who === 'sender'
          ? `You have ${ctx.policy.maxConnections} connections, the most a member can have.`
          : `This member has ${ctx.policy.maxConnections} connections, the most a member can have; you can follow them.`,
        { who: refusal.who },
      );
    default:
      return new DomainError(refusal.code, message);
  }
}
