import type { AppContext } from '../context.js';
import { findMailHtml, listRecentMail, listSentMailTo, type MailMessageRow } from '../db/repositories/mail-messages.js';

/** The mail the service sent to an address, oldest first (tests read it through the test clock). */
export async function listSentMail(ctx: AppContext, toEmail: string): Promise<MailMessageRow[]> {
  return listSentMailTo(ctx.db, toEmail.trim());
}

/** The latest mails, newest first: the dev mailbox, when no SMTP server is set. */
export async function listDevMailbox(ctx: AppContext) {
  return listRecentMail(ctx.db);
}

/** One mail's HTML, for the dev mailbox; undefined when there is no such mail. */
export async function readDevMail(ctx: AppContext, id: number): Promise<string | undefined> {
  return Number.isSafeInteger(id) ? findMailHtml(ctx.db, id) : undefined;
}
