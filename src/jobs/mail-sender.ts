import type { AppContext } from '../context.js';
import type { Policy } from '../domain/policy.js';
import { claimDueMail, markMailAttemptFailed, markMailSent } from '../db/repositories/mail-messages.js';
import type { MailTransport } from '../mail/transport.js';

/** Mails claimed at once. */
export const MAIL_BATCH = 20;
/** How long a claimed mail is a process's before another may take it over (`RAPPORT_MAIL_LEASE_MS`). */
export const DEFAULT_MAIL_LEASE_MS = 60_000;

/**
 * What becomes of a mail whose `attempts`-th try failed: it fails for good after `mailMaxAttempts`
 * tries; until then it waits `mailRetryBaseSeconds` doubled with each try, at most `mailRetryMaxHours`.
 */
export function mailRetryAfterFailure(attempts: number, policy: Policy, now: Date): { failed: boolean; retryAt: Date } {
  const waitMs = Math.min(2 ** attempts * policy.mailRetryBaseSeconds * 1000, policy.mailRetryMaxHours * 3_600_000);
  return { failed: attempts >= policy.mailMaxAttempts, retryAt: new Date(now.getTime() + waitMs) };
}

/** What one call of `sendDueMail` took and how many of those went out. */
export interface MailRound {
  claimed: number;
  sent: number;
}

/**
 * Sends due mail, up to `MAIL_BATCH`. Rows are claimed with a lease (`locked_until`) in a short
 * transaction, sent, then marked sent; a process killed after claiming leaves the lease to run out,
 * and another process sends them. Each row keeps its Message-ID across attempts, so a receiver can
 * drop the rare duplicate of a process killed between the SMTP server's acceptance and the mark.
 */
export async function sendDueMail(ctx: AppContext, transport: MailTransport, leaseMs = DEFAULT_MAIL_LEASE_MS): Promise<MailRound> {
  const now = ctx.clock.now();
  const claimed = await claimDueMail(ctx.db, now, MAIL_BATCH, leaseMs);
  let sent = 0;
  for (const mail of claimed) {
    try {
      await transport.send({
        to: mail.to_email,
        subject: mail.subject,
        html: mail.html,
        text: mail.text_body,
        messageId: mail.message_id,
        headers: typeof mail.headers === 'string' ? JSON.parse(mail.headers) : mail.headers,
      });
      await markMailSent(ctx.db, mail.id, ctx.clock.now());
      sent++;
    } catch (error) {
      const { failed, retryAt } = mailRetryAfterFailure(mail.attempts, ctx.policy, ctx.clock.now());
      await markMailAttemptFailed(ctx.db, mail.id, { failed, retryAt, error: String((error as Error).message ?? error).slice(0, 500) });
    }
  }
  return { claimed: claimed.length, sent };
}
