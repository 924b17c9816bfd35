import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { escapeHtml } from '../mail/layout.js';
import { acceptFromLink, answerFromLink, previewAcceptLink, previewAnswerLink, unsubscribeFromLink } from '../use-cases/mail-links.js';
import { listDevMailbox, readDevMail } from '../use-cases/read-mailbox.js';

function page(reply: FastifyReply, status: number, title: string, body: string): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)} · Rapport</title>
<style>body{font:16px/1.5 system-ui,sans-serif;background:#f3f2ef;margin:0;padding:24px}main{max-width:480px;margin:40px auto;background:#fff;border-radius:8px;padding:24px}h1{font-size:22px;margin-top:0}button{background:#0a66c2;color:#fff;border:0;border-radius:20px;padding:10px 22px;font-size:16px;cursor:pointer}a{color:#0a66c2}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`);
}

const failures: Record<string, [string, string]> = {
  tampered: ['This link is not valid', 'The link was changed or cut short. Open the invitation in Rapport instead.'],
  wrong_purpose: ['This link is not valid', 'The link was changed or cut short. Open the invitation in Rapport instead.'],
  expired: ['This link has expired', 'For your safety, mail links work for a limited time. Open your invitations in Rapport to answer.'],
  used: ['This link was already used', 'Each mail link works once. Your invitations are in Rapport.'],
  unavailable: ['This invitation is no longer open', 'It may have been withdrawn, or already answered.'],
};

function formField(body: unknown, name: string): string | undefined {
  if (typeof body === 'string') return new URLSearchParams(body).get(name) ?? undefined;
  if (body && typeof body === 'object') {
    const value = (body as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

/**
 * Pages that mail links open, outside the JSON API. GET only shows what a POST would do: mail
 * scanners follow links, and must never accept an invitation or unsubscribe anyone by doing so.
 */
export function registerMailPages(app: FastifyInstance, ctx: AppContext, devMailbox: boolean): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8192 }, (_request, body, done) => done(null, body));
  const hidden = { schema: { hide: true } };
  // Authorised by the signed token in the link, never by a session: a form post from these pages
  // carries no CSRF header, and a member signed in in the same browser must not be refused for it.
  const byLinkToken = { schema: { hide: true }, config: { authorisedByLinkToken: true } };

  app.get('/mail/accept', hidden, async (request, reply) => {
    const token = (request.query as Record<string, string | undefined>).token ?? '';
    const preview = await previewAcceptLink(ctx, token);
    if (!preview.ok) return page(reply, 400, ...failures[preview.reason]!);
    return page(
      reply,
      200,
      `Accept ${preview.senderName}'s invitation?`,
      `<p>${escapeHtml(preview.senderName)} — ${escapeHtml(preview.senderHeadline)}</p>
<form method="post" action="/mail/accept"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">Accept and connect</button></form>`,
    );
  });

  app.post('/mail/accept', byLinkToken, async (request, reply) => {
    const outcome = await acceptFromLink(ctx, formField(request.body, 'token') ?? '');
    if (!outcome.ok) return page(reply, 400, ...failures[outcome.reason]!);
    return page(reply, 200, 'You are now connected', `<p><a href="/members/${outcome.senderId}">See their profile</a> or <a href="/">open Rapport</a>.</p>`);
  });

  app.get('/mail/ignore', hidden, async (request, reply) => {
    const token = (request.query as Record<string, string | undefined>).token ?? '';
    const preview = await previewAnswerLink(ctx, token, 'ignore');
    if (!preview.ok) return page(reply, 400, ...failures[preview.reason]!);
    return page(
      reply,
      200,
      `Ignore ${preview.senderName}'s invitation?`,
      `<p>${escapeHtml(preview.senderName)} — ${escapeHtml(preview.senderHeadline)}</p>
<p>${escapeHtml(preview.senderName)} will not be told, and you will get no more reminders about it.</p>
<form method="post" action="/mail/ignore"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">Ignore invitation</button></form>`,
    );
  });

  app.post('/mail/ignore', byLinkToken, async (request, reply) => {
    const outcome = await answerFromLink(ctx, formField(request.body, 'token') ?? '', 'ignore');
    if (!outcome.ok) return page(reply, 400, ...failures[outcome.reason]!);
    return page(reply, 200, 'Invitation ignored', '<p>The sender is not told, and the reminders stop. <a href="/invitations">Open Rapport</a>.</p>');
  });

  app.get('/mail/unsubscribe', hidden, async (request, reply) => {
    const token = (request.query as Record<string, string | undefined>).token ?? '';
    if (!token) return page(reply, 200, 'Mail preferences', '<p>Sign in to Rapport and open Settings to choose which mail you get.</p>');
    return page(reply, 200, 'Unsubscribe?', `<form method="post" action="/mail/unsubscribe?token=${escapeHtml(encodeURIComponent(token))}"><button type="submit">Stop these mails</button></form>`);
  });

  // RFC 8058: mail clients POST "List-Unsubscribe=One-Click" to the link itself.
  app.post('/mail/unsubscribe', byLinkToken, async (request, reply) => {
    const token = (request.query as Record<string, string | undefined>).token ?? formField(request.body, 'token') ?? '';
    const outcome = await unsubscribeFromLink(ctx, token);
    if (!outcome.ok) return page(reply, 400, ...(failures[outcome.reason] ?? failures.tampered!));
    if (outcome.category === null) return page(reply, 200, 'You are unsubscribed', '<p>This address will get no more invitations or reminders from Rapport, whoever sends them.</p>');
    return page(reply, 200, 'You are unsubscribed', `<p>You will no longer get mail about ${escapeHtml(outcome.category)}. You can turn it back on in Settings.</p>`);
  });

  // The dev mailbox shows every mail, one-click links and join tokens included, to whoever reaches
  // it: only when the operator switched it on (RAPPORT_DEV_MAILBOX=1, refused in production), never
  // guessed from the socket address or proxy headers.
  if (!devMailbox) return;
  app.get('/dev/mail', hidden, async (_request, reply) => {
    const mails = await listDevMailbox(ctx);
    const rows = mails.map((m) => `<li><a href="/dev/mail/${m.id}">${escapeHtml(m.subject)}</a> — to ${escapeHtml(m.to_email)} (${m.status}, ${m.created_at.toISOString()})</li>`).join('');
    return page(reply, 200, 'Dev mailbox', `<p>RAPPORT_DEV_MAILBOX is on: every mail the service queued, newest first.</p><ul>${rows || '<li>No mail yet.</li>'}</ul>`);
  });
  app.get('/dev/mail/:id', hidden, async (request, reply) => {
    const id = Number((request.params as { id: string }).id);
    const html = await readDevMail(ctx, id);
    if (html === undefined) return page(reply, 404, 'No such mail', '<p><a href="/dev/mail">Back to the mailbox</a></p>');
    return reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(html);
  });
}
