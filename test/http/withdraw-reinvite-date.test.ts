import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserSession } from '../helpers/browser-session.js';
import { backends, createTestApp, type TestApp } from '../helpers/test-app.js';

const DAY = 86_400_000;

describe.each(backends)('withdrawing says when re-inviting becomes possible, on %s', (backend) => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp(backend, { eligibility: 'anyone', reinviteAfterWithdrawDays: 21 });
  });
  afterAll(() => t.close());

  const pair = async () => {
    n++;
    return Promise.all([t.signUp(`Reinvite Sender ${n}`), t.signUp(`Reinvite Recipient ${n}`)]);
  };

  it('the withdraw answer (browser session) and the sent list carry reinviteAfter, and a send before it is refused until then', async () => {
    const [sender, recipient] = await pair();
    const sent = await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id });
    const browser = await browserSession(t, sender);
    const withdrawn = await browser('POST', `/api/v1/invitations/${sent.body.invitation.id}/withdraw`);
    expect(withdrawn.status).toBe(200);
    const after = new Date(withdrawn.body.reinviteAfter).getTime();
    expect(after - new Date(withdrawn.body.invitation.respondedAt).getTime()).toBe(21 * DAY);
    const listed = (await t.call('GET', '/api/v1/invitations/sent?status=withdrawn', sender)).body.items.find((item: any) => item.id === sent.body.invitation.id);
    expect(listed.reinviteAfter).toBe(withdrawn.body.reinviteAfter);
    const again = await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('reinvite_cooldown');
  });

  it('a pending sent item has no reinviteAfter; tidying up (bearer token) answers the date, or null when nothing was withdrawn', async () => {
    const [sender, recipient] = await pair();
    await t.call('POST', '/api/v1/invitations', sender, { recipientId: recipient.id });
    const pending = (await t.call('GET', '/api/v1/invitations/sent', sender)).body.items[0];
    expect(pending.reinviteAfter).toBeNull();
    expect((await t.call('POST', '/api/v1/invitations/sent/withdraw-older', sender, { olderThanDays: 5 })).body).toEqual({ withdrawn: 0, reinviteAfter: null });
    await t.advanceDays(6);
    const tidied = await t.call('POST', '/api/v1/invitations/sent/withdraw-older', sender, { olderThanDays: 5 });
    expect(tidied.body.withdrawn).toBe(1);
    expect(Math.abs(new Date(tidied.body.reinviteAfter).getTime() - t.clock.now().getTime() - 21 * DAY)).toBeLessThan(5_000);
  });
});
