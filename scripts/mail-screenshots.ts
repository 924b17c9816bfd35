// Renders every mail template to HTML and takes a screenshot of each at phone and desktop width.
// Run: node --import tsx scripts/mail-screenshots.ts  (needs /usr/bin/chromium)
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { renderMail, type MailContent } from '../src/mail/templates.js';

const ann = { name: 'Ann Archer', initials: 'AA', headline: 'Staff engineer at Globex' };
const ben = { name: 'Ben Brook', initials: 'BB', headline: 'Product lead at Initech' };
const url = 'https://network.example.org';
const samples: MailContent[] = [
  { template: 'invitation', sender: ann, message: 'We met at the Lisbon payments meetup — I would love to stay in touch.', howWeMet: 'business', mutualConnections: 4, acceptUrl: `${url}/mail/accept?token=…`, ignoreUrl: `${url}/mail/ignore?token=…`, profileUrl: `${url}/members/1` },
  { template: 'reminder', sender: ann, message: 'We met at the Lisbon payments meetup.', acceptUrl: `${url}/mail/accept`, ignoreUrl: `${url}/mail/ignore`, profileUrl: `${url}/members/1`, daysWaiting: 7 },
  { template: 'resend', sender: ann, message: 'We met at the Lisbon payments meetup.', acceptUrl: `${url}/mail/accept`, ignoreUrl: `${url}/mail/ignore`, profileUrl: `${url}/members/1` },
  { template: 'join', sender: ann, message: 'Come and join our alumni network.', joinUrl: `${url}/signup` },
  { template: 'accepted', other: ben, profileUrl: `${url}/members/2` },
  { template: 'declined', other: ben },
  { template: 'reply', other: ben, message: 'Remind me where we met?', threadUrl: `${url}/invitations/3` },
  { template: 'restricted', reason: 'reports', reports: 5, threshold: 5, acceptance: null, canSelfLift: true, standingUrl: `${url}/standing` },
  { template: 'lifted', byAdmin: true },
  { template: 'introduction_request', requester: ann, target: ben, message: 'Could you introduce me to Ben? I am hiring.', url: `${url}/introductions/1` },
  { template: 'introduction', requester: ann, introducer: { name: 'Cat Cole', initials: 'CC', headline: 'Recruiter' }, message: 'Hello Ben, Cat suggested we talk.', note: 'Two of my favourite people.', url: `${url}/introductions/1` },
  { template: 'verify_email', verifyUrl: `${url}/verify-email?token=…` },
  { template: 'digest', items: [{ subject: 'Ann Archer wants to connect', at: '' }, { subject: 'Ben Brook accepted your invitation', at: '' }], appUrl: url },
  { template: 'allotment_decided', granted: true, count: 50, reason: 'Organising the alumni reunion in May.', standingUrl: `${url}/standing#allotment-requests` },
  { template: 'account_closing', eraseOn: 'December 22, 2026', graceDays: 14, signInUrl: `${url}/login` },
];

mkdirSync('docs/screenshots/mail', { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
for (const content of samples) {
  const { html } = renderMail(content, 'Dana', `${url}/mail/unsubscribe?token=…`);
  for (const width of [375, 800]) {
    const page = await browser.newPage({ viewport: { width, height: 600 } });
    await page.setContent(html);
    await page.screenshot({ path: `docs/screenshots/mail/${content.template}-${width}.png`, fullPage: true });
    await page.close();
  }
}
await browser.close();
console.log(`${samples.length} mails × 2 widths in docs/screenshots/mail/`);
