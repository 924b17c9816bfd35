import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processOutbox } from '../../src/jobs/outbox-processor.js';
import { counting } from '../helpers/statement-counter.js';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

describe.each(backends)('outbox batches on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend, { eligibility: 'anyone', mailPerRecipientPerDay: 2 });
  });
  afterAll(() => t.close());

  const processWithCount = async () => {
    const counter = counting();
    const ctx = t.service.ctx;
    const processed = await processOutbox({ ...ctx, db: ctx.db.withPlugin(counter.plugin) });
    return { processed, statements: counter.count() };
  };
  const drain = async () => {
    while ((await processOutbox(t.service.ctx)) > 0);
  };

  it('delivers a batch of events in the same few statements as one event', async () => {
    await drain();
    const sender = await t.signUp('Batch Sender');
    const recipients: TestMember[] = [];
    for (let i = 0; i < 30; i++) recipients.push(await t.signUp(`Batch Recipient ${i}`));
    await drain();

    const first = recipients[0]!;
    expect((await t.call('POST', '/api/v1/invitations', sender, { recipientId: first.id })).status).toBe(201);
    const one = await processWithCount();
    expect(one.processed).toBe(1);

    for (const recipient of recipients.slice(1)) expect((await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id })).status).toBe(201);
    const many = await processWithCount();
    expect(many.processed).toBe(29);
    // Claim, endpoints, invitations, members, mail counts, mutual counts, notifications, mail, mark
    // processed (the transaction's begin and commit are not counted): not one more for 29 events.
    expect(many.statements).toBe(one.statements);
    expect(many.statements).toBeLessThanOrEqual(9);

    const db = t.service.ctx.db;
    const ids = recipients.map((r) => Number(r.id));
    const notified = await db.selectFrom('notifications').select('member_id').where('member_id', 'in', ids).where('kind', '=', 'invitation_received').execute();
    expect(new Set(notified.map((row) => row.member_id))).toEqual(new Set(ids));
    const mails = await db.selectFrom('mail_messages').select(['to_member_id', 'status', 'template']).where('to_member_id', 'in', ids).where('template', '<>', 'verify_email').execute();
    expect(mails).toHaveLength(30);
    expect(mails.every((mail) => mail.template === 'invitation' && mail.status !== 'suppressed')).toBe(true);
  });

  it('applies the daily mail cap across the events of one batch', async () => {
    await drain();
    const recipient = await t.signUp('Popular Recipient');
    const senders: TestMember[] = [];
    for (let i = 0; i < 4; i++) senders.push(await t.signUp(`Cap Sender ${i}`));
    await t.advanceDays(1.01); // the sign-up's verification mail out of the daily cap's window
    await drain();
    for (const sender of senders) expect((await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id })).status).toBe(201);
    expect((await processWithCount()).processed).toBe(4);
    const statuses = (await t.service.ctx.db.selectFrom('mail_messages').select('status').where('to_member_id', '=', Number(recipient.id)).where('template', '=', 'invitation').orderBy('id').execute()).map(
      (row) => row.status,
    );
    // mailPerRecipientPerDay is 2: the first two go out, the rest wait for the digest.
    expect(statuses).toEqual(['pending', 'pending', 'digest', 'digest']);
  });

  it('keeps a member who switched invitation mail off out of the batch’s mail, not its notifications', async () => {
    await drain();
    const [sender, quiet, loud] = [await t.signUp('Pref Sender'), await t.signUp('Quiet Recipient'), await t.signUp('Loud Recipient')];
    expect((await t.call('PATCH', '/api/v1/me/settings', quiet, { emailCategories: { invitations: false } })).status).toBe(200);
    await drain();
    for (const recipient of [quiet, loud]) expect((await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id })).status).toBe(201);
    expect((await processWithCount()).processed).toBe(2);
    const db = t.service.ctx.db;
    const status = async (member: TestMember) => (await db.selectFrom('mail_messages').select('status').where('to_member_id', '=', Number(member.id)).where('template', '=', 'invitation').executeTakeFirst())?.status;
    expect(await status(quiet)).toBe('suppressed');
    expect(await status(loud)).toBe('pending');
    const notified = await db.selectFrom('notifications').select('member_id').where('member_id', 'in', [Number(quiet.id), Number(loud.id)]).execute();
    expect(notified).toHaveLength(2);
  });
});
