import { avatar, button, escapeHtml, layout, paragraphs } from './layout.js';

export type MailCategory = 'invitations' | 'reminders' | 'updates' | 'standing';

export interface Person {
  name: string;
  initials: string;
  headline: string;
}

const HOW_WE_MET: Record<string, string> = {
  colleague: 'You worked together',
  classmate: 'You studied together',
  business: 'You did business together',
  friend: 'You are friends',
  other: 'You know each other',
};

export type MailContent =
  | { template: 'invitation'; sender: Person; message: string; howWeMet: string | null; mutualConnections: number; acceptUrl: string; ignoreUrl: string; profileUrl: string }
  | { template: 'reminder'; sender: Person; message: string; acceptUrl: string; ignoreUrl: string; profileUrl: string; daysWaiting: number }
  | { template: 'resend'; sender: Person; message: string; acceptUrl: string; ignoreUrl: string; profileUrl: string }
  | { template: 'join'; sender: Person; message: string; joinUrl: string }
  | { template: 'accepted'; other: Person; profileUrl: string }
  | { template: 'declined'; other: Person }
  | { template: 'reply'; other: Person; message: string; threadUrl: string }
  | {
      template: 'restricted';
      /** Why the rules restricted: reports, or too few of the recent answered invitations accepted. */
      reason: 'reports' | 'low_acceptance';
      reports: number;
      threshold: number;
      acceptance: { accepted: number; decided: number; minAcceptRate: number } | null;
      canSelfLift: boolean;
      standingUrl: string;
    }
  | { template: 'lifted'; byAdmin: boolean }
  | { template: 'digest'; items: { subject: string; at: string }[]; appUrl: string }
  | { template: 'verify_email'; verifyUrl: string }
  | { template: 'introduction_request'; requester: Person; target: Person; message: string; url: string }
  | { template: 'introduction'; requester: Person; introducer: Person; message: string; note: string | null; url: string }
  | { template: 'allotment_decided'; granted: boolean; count: number | null; reason: string | null; standingUrl: string }
  | { template: 'account_closing'; eraseOn: string; graceDays: number; signInUrl: string }
  | { template: 'data_export_ready'; expiresAt: string; hours: number; url: string };

export const categoryOf: Record<MailContent['template'], MailCategory> = {
  invitation: 'invitations',
  reminder: 'reminders',
  resend: 'reminders',
  join: 'invitations',
  accepted: 'updates',
  declined: 'updates',
  reply: 'updates',
  restricted: 'standing',
  lifted: 'standing',
  digest: 'updates',
  verify_email: 'standing',
  introduction_request: 'updates',
  introduction: 'invitations',
  allotment_decided: 'standing',
  data_export_ready: 'standing',
  account_closing: 'standing',
};

const categoryNames: Record<MailCategory, string> = {
  invitations: 'invitations you receive',
  reminders: 'reminders about waiting invitations',
  updates: 'updates on your invitations',
  standing: 'your account standing',
};

/** The real reason a restriction began, with the numbers the rule used. */
function restrictionCause(content: Extract<MailContent, { template: 'restricted' }>): string {
  if (content.reason === 'low_acceptance' && content.acceptance) {
    const { accepted, decided, minAcceptRate } = content.acceptance;
    const percent = (rate: number) => `${Math.round(rate * 100)}%`;
    return `Only ${accepted} of your last ${decided} answered invitations were accepted (${percent(decided === 0 ? 0 : accepted / decided)}; at least ${percent(minAcceptRate)} is needed).`;
  }
  return `Recipients reported ${content.reports} of your invitations as unwanted (the limit is ${content.threshold}).`;
}

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

/** Said under an invitation's buttons: ignoring is silent, and it ends the reminders. */
const IGNORE_HINT = 'Ignoring is private: the sender is not told, and the reminders stop.';

function senderCard(person: Person): string {
  return `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:0 0 16px"><tr>
<td style="padding-right:12px;vertical-align:top">${avatar(person.initials)}</td>
<td style="vertical-align:middle"><div style="font-weight:700">${escapeHtml(person.name)}</div><div style="color:#666">${escapeHtml(person.headline)}</div></td></tr></table>`;
}

function quote(message: string): string {
  return `<div style="border-left:3px solid #0a66c2;padding:4px 12px;margin:0 0 16px;color:#333">${paragraphs(message)}</div>`;
}

/** Renders one mail as HTML and plain text. Every member-written string is escaped. */
export function renderMail(content: MailContent, recipientName: string, unsubscribeUrl: string): RenderedMail {
  const greeting = `Hi ${recipientName},`;
  const footerText = `You get this mail about ${categoryNames[categoryOf[content.template]]}. Unsubscribe: ${unsubscribeUrl}`;
  const footer = `You get this mail about ${escapeHtml(categoryNames[categoryOf[content.template]])}. <a href="${escapeHtml(unsubscribeUrl)}" style="color:#666">Unsubscribe</a>`;
  const wrap = (subject: string, preheader: string, body: string, text: string[]): RenderedMail => ({
    subject,
    html: layout({ preheader, body: `<p style="margin:0 0 16px">${escapeHtml(greeting)}</p>${body}`, footer }),
    text: [greeting, '', ...text, '', '--', footerText].join('\n'),
  });

  switch (content.template) {
    case 'invitation': {
      const how = content.howWeMet ? HOW_WE_MET[content.howWeMet] : null;
      const mutual = content.mutualConnections > 0 ? `${content.mutualConnections} mutual connection${content.mutualConnections === 1 ? '' : 's'}` : null;
      return wrap(
        `${content.sender.name} wants to connect`,
        content.message.slice(0, 90),
        `${senderCard(content.sender)}${quote(content.message)}${[how, mutual].filter(Boolean).map((line) => `<p style="margin:0 0 8px;color:#666">${escapeHtml(line!)}</p>`).join('')}
<p style="margin:16px 0 0">${button('Accept', content.acceptUrl)}${button('Ignore', content.ignoreUrl, false)}${button('View profile', content.profileUrl, false)}</p>
<p style="margin:8px 0 0;color:#666;font-size:13px">${escapeHtml(IGNORE_HINT)}</p>`,
        [`${content.sender.name} (${content.sender.headline}) invited you to connect:`, '', content.message, ...(how ? ['', how] : []), ...(mutual ? [mutual] : []), '', `Accept: ${content.acceptUrl}`, `Ignore: ${content.ignoreUrl}`, `View profile: ${content.profileUrl}`, '', IGNORE_HINT],
      );
    }
    case 'reminder':
    case 'resend': {
      const waiting = content.template === 'reminder' ? `${content.sender.name}'s invitation has been waiting ${content.daysWaiting} days.` : `${content.sender.name} would still like to connect.`;
      return wrap(
        `Reminder: ${content.sender.name} wants to connect`,
        waiting,
        `${senderCard(content.sender)}<p style="margin:0 0 12px">${escapeHtml(waiting)}</p>${quote(content.message)}<p style="margin:16px 0 0">${button('Accept', content.acceptUrl)}${button('Ignore', content.ignoreUrl, false)}${button('View profile', content.profileUrl, false)}</p>
<p style="margin:8px 0 0;color:#666;font-size:13px">${escapeHtml(IGNORE_HINT)}</p>`,
        [waiting, '', content.message, '', `Accept: ${content.acceptUrl}`, `Ignore: ${content.ignoreUrl}`, `View profile: ${content.profileUrl}`, '', IGNORE_HINT],
      );
    }
    case 'join':
      return wrap(
        `${content.sender.name} invited you to Rapport`,
        `${content.sender.name} would like to connect with you`,
        `${senderCard(content.sender)}${quote(content.message)}<p style="margin:16px 0 0">${button('Join and connect', content.joinUrl)}</p>`,
        [`${content.sender.name} would like to connect with you on Rapport:`, '', content.message, '', `Join and connect: ${content.joinUrl}`],
      );
    case 'accepted':
      return wrap(
        `${content.other.name} accepted your invitation`,
        'You are now connected',
        `${senderCard(content.other)}<p style="margin:0 0 12px">You are now connected. A short thank-you note is a good way to start.</p>${button('View profile', content.profileUrl)}`,
        [`${content.other.name} accepted your invitation. You are now connected. A short thank-you note is a good way to start.`, `View profile: ${content.profileUrl}`],
      );
    case 'declined':
      return wrap(
        `${content.other.name} declined your invitation`,
        'Your invitation was declined',
        `<p style="margin:0">${escapeHtml(content.other.name)} declined your invitation to connect. You will not be able to invite them again.</p>`,
        [`${content.other.name} declined your invitation to connect. You will not be able to invite them again.`],
      );
    case 'reply':
      return wrap(
        `${content.other.name} wrote about your invitation`,
        content.message.slice(0, 90),
        `${senderCard(content.other)}${quote(content.message)}${button('Answer', content.threadUrl)}`,
        [`${content.other.name} wrote:`, '', content.message, '', `Answer: ${content.threadUrl}`],
      );
    case 'restricted': {
      const lift = content.canSelfLift
        ? 'You can lift this restriction yourself by agreeing to invite only people you know.'
        : 'An administrator will review your account before the restriction is lifted.';
      const line = `${restrictionCause(content)} Until the restriction is lifted, every invitation you send needs the recipient's email address.`;
      return wrap('Your invitations are restricted', 'Your account needs attention', `<p style="margin:0 0 12px">${escapeHtml(line)}</p><p style="margin:0 0 16px">${escapeHtml(lift)}</p>${button('Review your standing', content.standingUrl)}`, [line, lift, `Review: ${content.standingUrl}`]);
    }
    case 'lifted': {
      const line = content.byAdmin ? 'An administrator lifted the restriction on your invitations.' : 'You lifted the restriction on your invitations.';
      return wrap('Your invitations are no longer restricted', line, `<p style="margin:0">${escapeHtml(line)} Please invite only people you know.</p>`, [line, 'Please invite only people you know.']);
    }
    case 'verify_email':
      return wrap(
        'Confirm your email address',
        'One click to confirm it is you',
        `<p style="margin:0 0 16px">Confirm that this address is yours. Invitations people sent to it will then wait for you in Rapport.</p>${button('Confirm my address', content.verifyUrl)}`,
        ['Confirm that this address is yours. Invitations people sent to it will then wait for you in Rapport.', '', `Confirm: ${content.verifyUrl}`],
      );
    case 'introduction_request':
      return wrap(
        `${content.requester.name} asks you for an introduction`,
        `to ${content.target.name}`,
        `${senderCard(content.requester)}<p style="margin:0 0 12px">${escapeHtml(content.requester.name)} would like you to introduce them to ${escapeHtml(content.target.name)}.</p>${quote(content.message)}${button('Forward or decline', content.url)}`,
        [`${content.requester.name} would like you to introduce them to ${content.target.name}:`, '', content.message, '', `Forward or decline: ${content.url}`],
      );
    case 'introduction':
      return wrap(
        `${content.introducer.name} introduces you to ${content.requester.name}`,
        content.message.slice(0, 90),
        `${senderCard(content.requester)}${content.note ? `<p style="margin:0 0 12px">${escapeHtml(content.introducer.name)}: “${escapeHtml(content.note)}”</p>` : ''}${quote(content.message)}${button('Connect', content.url)}`,
        [`${content.introducer.name} introduces you to ${content.requester.name} (${content.requester.headline}).`, ...(content.note ? ['', `${content.introducer.name}: ${content.note}`] : []), '', content.message, '', `Connect: ${content.url}`],
      );
    case 'allotment_decided': {
      const asked = content.reason ? `You asked: “${content.reason}”` : null;
      const line = content.granted
        ? `An administrator added ${content.count ?? 'more'} invitation${content.count === 1 ? '' : 's'} to your allotment.`
        : 'An administrator looked at your request for more invitations and did not grant it this time.';
      const next = content.granted ? 'Use them for people you know: reports count against your standing.' : 'You can ask again later, saying how you know the people you want to invite.';
      return wrap(
        content.granted ? 'You have more invitations' : 'Your request for more invitations',
        line,
        `<p style="margin:0 0 12px">${escapeHtml(line)}</p>${asked ? quote(asked) : ''}<p style="margin:0 0 16px">${escapeHtml(next)}</p>${button('See your requests', content.standingUrl)}`,
        [line, ...(asked ? ['', asked] : []), '', next, '', `See your requests: ${content.standingUrl}`],
      );
    }
    case 'account_closing': {
      const line = `Your Rapport account is closed. Nobody can find you or see your profile any more.`;
      const reopen = `You have ${content.graceDays} day${content.graceDays === 1 ? '' : 's'} to change your mind: sign in with your email and password before ${content.eraseOn} and your account opens again. After that date it is erased for good.`;
      return wrap(
        'Your Rapport account is closing',
        line,
        `<p style="margin:0 0 12px">${escapeHtml(line)}</p><p style="margin:0 0 16px">${escapeHtml(reopen)}</p>${button('Sign in to reopen', content.signInUrl)}`,
        [line, '', reopen, '', `Sign in to reopen: ${content.signInUrl}`],
      );
    }
    case 'data_export_ready': {
      // The mail holds no download link: the link is signed for the signed-in member on the settings screen.
      const line = `The archive of your data you asked for is ready. You can download it once, within ${content.hours} hours; then it is deleted.`;
      return wrap(
        'Your data is ready to download',
        line,
        `<p style="margin:0 0 16px">${escapeHtml(line)}</p>${button('Download your data', content.url)}`,
        [line, '', `Download your data: ${content.url}`],
      );
    }
    case 'digest':
      return wrap(
        `Your Rapport digest: ${content.items.length} update${content.items.length === 1 ? '' : 's'}`,
        'What happened on your network',
        `<ul style="padding-left:20px;margin:0 0 16px">${content.items.map((item) => `<li style="margin:0 0 6px">${escapeHtml(item.subject)}</li>`).join('')}</ul>${button('Open Rapport', content.appUrl)}`,
        [...content.items.map((item) => `- ${item.subject}`), '', `Open Rapport: ${content.appUrl}`],
      );
  }
}
