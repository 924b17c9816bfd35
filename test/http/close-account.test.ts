import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/domain/clock.js';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

const PASSWORD = 'correct horse battery';
const GRACE_DAYS = 14;

/** A browser session: the session cookie, and (for writes) the CSRF header. */
async function browserSession(t: TestApp, member: TestMember) {
  const login = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: member.email, password: PASSWORD, session: 'cookie' } });
  expect(login.statusCode).toBe(200);
  const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  return { cookie, 'x-csrf-token': login.cookies.find((c) => c.name === 'rapport_csrf')!.value };
}

/** Every column that names a member: the foreign keys to `members (id)`, and any `…member_id` column without one. */
async function memberColumns(t: TestApp): Promise<{ table: string; column: string }[]> {
  const result = await sql<{ table_name: string; column_name: string }>`
    select kcu.table_name, kcu.column_name
    from information_schema.referential_constraints rc
    join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name and ccu.constraint_schema = rc.unique_constraint_schema
    where ccu.table_name = 'members' and ccu.column_name = 'id' and kcu.table_schema = 'public'
    union
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and column_name like '%member_id' and data_type = 'bigint'`.execute(t.service.ctx.db);
  return result.rows.map((row) => ({ table: row.table_name, column: row.column_name }));
}

async function rowsNaming(t: TestApp, memberId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { table, column } of await memberColumns(t)) {
    const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.ref(column)} = ${Number(memberId)}`.execute(t.service.ctx.db);
    counts[`${table}.${column}`] = result.rows[0]!.n;
  }
  return counts;
}

describe.each(backends)('closing an account on %s', (backend) => {
  let t: TestApp;
  let admin: TestMember;
  let n = 0;
  beforeAll(async () => {
    // Sign-ins per account are few, so closing's password check meets the throttle; every test signs in from one address.
    const signInThrottle = { windowMinutes: 15, perAccount: 3, perAddress: 1_000_000, perAddressMax: 1_000_000 };
    t = await createTestApp(backend, { closeGraceDays: GRACE_DAYS, closedStandingMemoryDays: 365, reportRestrictThreshold: 1, lowAcceptance: null, signInThrottle });
    admin = await t.signUp('Admin', { email: 'admin@example.com' });
  });
  afterAll(() => t?.close());

  const someone = (name: string) => t.signUp(`${name} ${++n}`);
  const close = (member: TestMember, password = PASSWORD) => t.call('POST', '/api/v1/me/close', member, { password });
  const ids = (items: any[], pick: (item: any) => string = (item) => item.id) => items.map(pick);
  const mailTo = async (member: TestMember) => (await t.call('GET', `/api/v1/_test/mail?to=${encodeURIComponent(member.email)}`)).body.items as { template: string; text: string }[];

  it('asks for the password: a wrong one is 403 wrong_password and nothing closes; no sign-in is 401', async () => {
    const zed = await someone('Zed');
    const wrong = await close(zed, 'not my password at all');
    expect([wrong.status, wrong.body.code]).toEqual([403, 'wrong_password']);
    expect((await t.call('GET', '/api/v1/me', zed)).status).toBe(200);
    expect((await t.call('POST', '/api/v1/me/close', null, { password: PASSWORD })).status).toBe(401);
    expect((await t.call('POST', '/api/v1/me/close', zed, {})).body.code).toBe('validation_failed');
    // Guessing the password here is throttled like signing in: past signInThrottle.perAccount, a challenge first.
    for (let i = 0; i < 2; i++) expect((await close(zed, `guess number ${i}`)).body.code).toBe('wrong_password');
    const throttled = await close(zed, 'one guess too many');
    expect([throttled.status, throttled.body.code, throttled.body.captchaRequired]).toEqual([429, 'rate_limited', true]);
    expect((await t.call('GET', '/api/v1/me', zed)).status).toBe(200);
  });

  it('closes in the middle of a pending crossing invitation, an introduction and an open conversation, silently for the others', async () => {
    const [zed, ann, bea, ian, tom, meg] = [await someone('Zed'), await someone('Ann'), await someone('Bea'), await someone('Ian'), await someone('Tom'), await someone('Meg')];
    await t.connect(zed, ian);
    await t.connect(ian, tom);
    await t.connect(zed, meg);
    await t.connect(ann, ian);
    // Ann's invitation to Zed waits; Zed's to Bea too (Zed's answer to Ann would have crossed).
    const fromAnn = await t.call('POST', '/api/v1/invitations', ann, { recipientId: zed.id, email: zed.email });
    const toBea = await t.call('POST', '/api/v1/invitations', zed, { recipientId: bea.id, email: bea.email });
    expect([fromAnn.status, toBea.status]).toEqual([201, 201]);
    const intro = await t.call('POST', '/api/v1/introductions', zed, { introducerId: ian.id, targetId: tom.id, messageToIntroducer: 'Could you introduce us?', messageToTarget: 'Hello Tom' });
    expect(intro.status).toBe(201);
    expect((await t.call('POST', '/api/v1/messages', zed, { recipientId: meg.id, body: 'Lunch on Friday?' })).status).toBe(201);
    expect((await t.call('POST', '/api/v1/messages', meg, { recipientId: zed.id, body: 'Yes, noon.' })).status).toBe(201);
    expect((await t.call('POST', '/api/v1/follows', meg, { memberId: zed.id })).status).toBeLessThan(300);
    await t.call('POST', '/api/v1/_test/run-due');
    const annNotificationsBefore = (await t.call('GET', '/api/v1/notifications', ann)).body.items.length;
    const megBell = async () => JSON.stringify((await t.call('GET', '/api/v1/notifications', meg)).body.items);
    expect(await megBell()).toContain(zed.name); // "Zed wrote to you", Zed accepted, Zed follows

    const closed = await close(zed);
    expect(closed.status).toBe(202);
    expect(closed.body.closing).toMatchObject({ memberId: zed.id, graceDays: GRACE_DAYS });
    expect(new Date(closed.body.closing.eraseAfter).getTime() - new Date(closed.body.closing.closingAt).getTime()).toBe(GRACE_DAYS * DAY_MS);
    expect((await t.call('GET', '/api/v1/me', zed)).status).toBe(401); // tokens and sessions are gone
    await t.call('POST', '/api/v1/_test/run-due');

    // The invitation Ann sent was declined without a word to her; the one Zed sent is gone from Bea's list.
    const annSent = (await t.call('GET', '/api/v1/invitations/sent', ann)).body.items.find((item: any) => item.id === fromAnn.body.invitation.id);
    expect(annSent).toMatchObject({ recipient: { id: zed.id, name: 'A former member' } });
    const annBell = (await t.call('GET', '/api/v1/notifications', ann)).body.items as { kind: string }[];
    expect(annBell.length).toBeLessThanOrEqual(annNotificationsBefore);
    expect(annBell.map((n) => n.kind)).not.toContain('invitation_declined');
    expect(await megBell()).not.toContain(zed.name); // nobody's bell names a member who left
    expect((await mailTo(ann)).map((mail) => mail.template)).not.toContain('declined');
    expect(ids((await t.call('GET', '/api/v1/invitations/received?status=pending', bea)).body.items)).not.toContain(toBea.body.invitation.id);
    const statuses = await sql<{ id: number; status: string }>`select id, status from invitations where id in (${Number(fromAnn.body.invitation.id)}, ${Number(toBea.body.invitation.id)}) order by id`.execute(t.service.ctx.db);
    expect(statuses.rows.map((row) => row.status)).toEqual(['declined', 'withdrawn']);
    const causes = await sql<{ topic: string; cause: string }>`select topic, payload->>'cause' as cause from outbox where topic in ('invitation.declined', 'invitation.withdrawn') and (payload->>'invitationId')::bigint in (${Number(fromAnn.body.invitation.id)}, ${Number(toBea.body.invitation.id)})`.execute(t.service.ctx.db);
    expect(causes.rows.map((row) => row.cause)).toEqual(['account_closed', 'account_closed']);
    // Zed's answer can no longer cross Ann's: answering, or inviting Zed now, finds nobody.
    expect((await t.call('POST', '/api/v1/invitations', ann, { recipientId: zed.id, email: zed.email })).body.code).toBe('not_found');

    // The introduction ended; Ian sees it from "a former member".
    const ianIntros = (await t.call('GET', '/api/v1/introductions?role=introducer', ian)).body.items;
    expect(ianIntros.find((item: any) => item.id === intro.body.introduction.id)).toMatchObject({ status: 'declined', requester: { name: 'A former member' } });

    // The conversation stays Meg's to read; Zed's messages read as from a former member, and nobody can write to them.
    const conversations = (await t.call('GET', '/api/v1/conversations', meg)).body.items;
    expect(conversations.find((c: any) => c.member.id === zed.id)).toMatchObject({ member: { name: 'A former member', photoUrl: null } });
    const thread = await t.call('GET', `/api/v1/conversations/${zed.id}/messages`, meg);
    expect(thread.status).toBe(200);
    expect(thread.body.items.map((m: any) => m.body)).toEqual(['Yes, noon.', 'Lunch on Friday?']);
    expect((await t.call('POST', '/api/v1/messages', meg, { recipientId: zed.id, body: 'Still on?' })).status).toBe(404);

    // Connections, follows and the graph index follow.
    expect(ids((await t.call('GET', '/api/v1/connections', meg)).body.items, (c) => c.member.id)).not.toContain(zed.id);
    expect(ids((await t.call('GET', '/api/v1/connections', ian)).body.items, (c) => c.member.id)).not.toContain(zed.id);
    const ties = await sql<{ n: number }>`select (select count(*) from connections where member_id = ${Number(zed.id)} or other_id = ${Number(zed.id)})
      + (select count(*) from follows where follower_id = ${Number(zed.id)} or followee_id = ${Number(zed.id)})
      + (select count(*) from auth_tokens where member_id = ${Number(zed.id)}) as n`.execute(t.service.ctx.db);
    expect(Number(ties.rows[0]!.n)).toBe(0);

    // The member is told how to reopen; integrators get member.closed.
    const closing = (await mailTo(zed)).find((mail) => mail.template === 'account_closing');
    const eraseOn = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(new Date(closed.body.closing.eraseAfter));
    expect(closing?.text).toContain(`sign in with your email and password before ${eraseOn}`);
    expect(closing?.text).toContain(`You have ${GRACE_DAYS} days`);
    const events = await sql<{ n: number }>`select count(*)::int as n from outbox where topic = 'member.closed' and (payload->>'memberId')::bigint = ${Number(zed.id)}`.execute(t.service.ctx.db);
    expect(events.rows[0]!.n).toBe(1);
  });

  it('connects nobody with a closing account, even through an invitation the closing could not reach (held by another transaction)', async () => {
    const [zed, ann] = [await someone('Hal Held'), await someone('Ivy')];
    const sent = await t.call('POST', '/api/v1/invitations', zed, { recipientId: ann.id, email: ann.email });
    // What an accept that waited on the closing's lock finds: the account closed, the invitation still open.
    await sql`update members set closing_at = ${t.clock.now()}, erase_after = ${new Date(t.clock.now().getTime() + GRACE_DAYS * DAY_MS)} where id = ${Number(zed.id)}`.execute(t.service.ctx.db);
    const accepted = await t.call('POST', `/api/v1/invitations/${sent.body.invitation.id}/accept`, ann);
    expect([accepted.status, accepted.body.code]).toEqual([404, 'not_found']);
    expect(ids((await t.call('GET', '/api/v1/connections', ann)).body.items, (c) => c.member.id)).not.toContain(zed.id);
  });

  it('hides a closing member everywhere: search, suggestions, mutual connections, profiles and others\' lists', async () => {
    const company = `Closeworks ${backend}`;
    const [zed, viewer, friend] = [await someone('Quinn Hidden'), await someone('Vera'), await someone('Fred')];
    for (const member of [zed, viewer]) expect((await t.call('POST', '/api/v1/me/positions', member, { company, title: 'Engineer' })).status).toBe(201);
    await t.connect(zed, friend);
    await t.connect(viewer, friend);
    await t.connect(zed, viewer);
    await t.call('POST', '/api/v1/_test/run-due');
    const searchIds = async () => ids((await t.call('GET', `/api/v1/members?q=${encodeURIComponent('Quinn Hidden')}`, viewer)).body.items);
    const other = await someone('Otto');
    expect((await t.call('POST', '/api/v1/me/positions', other, { company, title: 'Engineer' })).status).toBe(201);
    expect(await searchIds()).toContain(zed.id);
    expect(ids((await t.call('GET', '/api/v1/suggestions', other)).body.items, (s) => s.member.id)).toContain(zed.id);

    expect((await close(zed)).status).toBe(202);
    await t.call('POST', '/api/v1/_test/run-due');

    expect(await searchIds()).not.toContain(zed.id);
    expect(ids((await t.call('GET', '/api/v1/suggestions', other)).body.items, (s) => s.member.id)).not.toContain(zed.id);
    expect(ids((await t.call('GET', `/api/v1/members/${friend.id}/mutual-connections`, viewer)).body.items)).not.toContain(zed.id);
    expect((await t.call('GET', `/api/v1/members/${zed.id}`, viewer)).status).toBe(404);
    expect((await t.call('GET', `/api/v1/members/${zed.id}`, admin)).status).toBe(404);
    expect(ids((await t.call('GET', '/api/v1/connections', viewer)).body.items, (c) => c.member.id)).not.toContain(zed.id);
    expect(ids((await t.call('GET', `/api/v1/members/${friend.id}/connections`, viewer)).body.items ?? [])).not.toContain(zed.id);
    // Nobody can reach them meanwhile.
    expect((await t.call('POST', '/api/v1/invitations', viewer, { recipientId: zed.id })).body.code).toBe('not_found');
  });

  it('reopens when the member signs in during the grace period, and says so', async () => {
    const [zed, viewer, ann] = [await someone('Rhea Reopen'), await someone('Walt'), await someone('Ana')];
    const waiting = await t.call('POST', '/api/v1/invitations', ann, { recipientId: zed.id, email: zed.email });
    expect(waiting.status).toBe(201);
    const browser = await browserSession(t, zed);
    const closed = await t.call('POST', '/api/v1/me/close', null, { password: PASSWORD }, browser);
    expect(closed.status).toBe(202);
    expect((await t.call('GET', `/api/v1/members/${zed.id}`, viewer)).status).toBe(404);
    await t.advanceDays(GRACE_DAYS - 1);
    await t.call('POST', '/api/v1/_test/run-due');

    const back = await t.call('POST', '/api/v1/auth/login', null, { email: zed.email, password: PASSWORD });
    expect(back.status).toBe(200);
    expect(back.body.reopened).toBe(true);
    zed.token = back.body.token;
    expect((await t.call('GET', `/api/v1/members/${zed.id}`, viewer)).status).toBe(200);
    expect((await t.call('GET', '/api/v1/me', zed)).body.member.name).toBe(zed.name);
    await t.advanceDays(2);
    await t.call('POST', '/api/v1/_test/run-due');
    expect((await t.call('GET', '/api/v1/me', zed)).status).toBe(200); // not erased: it was reopened
    const again = await t.call('POST', '/api/v1/auth/login', null, { email: zed.email, password: PASSWORD });
    expect([again.status, again.body.reopened]).toEqual([200, undefined]);
    // The invitation the closing declined weighs on nothing: Ana may invite again, and it reaches Rhea.
    ann.token = (await t.call('POST', '/api/v1/auth/login', null, { email: ann.email, password: PASSWORD })).body.token;
    const anew = await t.call('POST', '/api/v1/invitations', ann, { recipientId: zed.id, email: zed.email });
    expect(anew.status).toBe(201);
    expect(ids((await t.call('GET', '/api/v1/invitations/received?status=pending', { ...zed, token: again.body.token })).body.items)).toContain(anew.body.invitation.id);
  });

  it('erases every row naming the member after the grace period; reports they filed keep counting; the address is free again', async () => {
    const [zed, spammer, friend] = [await someone('Erin Erase'), await someone('Sam Spam'), await someone('Fay')];
    await t.connect(zed, friend);
    expect((await t.call('POST', '/api/v1/messages', zed, { recipientId: friend.id, body: 'Hello' })).status).toBe(201);
    const spam = await t.call('POST', '/api/v1/invitations', spammer, { recipientId: zed.id, email: zed.email });
    expect((await t.call('POST', `/api/v1/invitations/${spam.body.invitation.id}/report`, zed, { reason: 'spam' })).status).toBe(200);
    const spammerBefore = (await t.call('GET', '/api/v1/me/standing', spammer)).body.standing;
    expect(spammerBefore).toMatchObject({ reports: 1 });
    await t.call('POST', '/api/v1/_test/run-due');

    expect((await close(zed)).status).toBe(202);
    await t.call('POST', '/api/v1/_test/run-due');
    t.clock.advance((GRACE_DAYS + 1) * DAY_MS);
    const due = await t.call('POST', '/api/v1/_test/run-due');
    expect(due.status).toBe(200);

    const left = await rowsNaming(t, zed.id);
    expect(Object.keys(left).length).toBeGreaterThan(20);
    expect(Object.entries(left).filter(([, count]) => count > 0)).toEqual([]);
    expect((await sql<{ n: number }>`select count(*)::int as n from members where id = ${Number(zed.id)}`.execute(t.service.ctx.db)).rows[0]!.n).toBe(0);
    const named = await sql<{ n: number }>`select count(*)::int as n from notifications where payload::text like ${`%"${zed.id}"%`} or payload::text like ${`%: ${zed.id}}%`}`.execute(t.service.ctx.db);
    expect(named.rows[0]!.n).toBe(0);

    // The spammer's record stands; the address signs up as new.
    spammer.token = (await t.call('POST', '/api/v1/auth/login', null, { email: spammer.email, password: PASSWORD })).body.token;
    expect((await t.call('GET', '/api/v1/me/standing', spammer)).body.standing).toMatchObject({ reports: spammerBefore.reports, restricted: spammerBefore.restricted });
    const gone = await t.call('POST', '/api/v1/auth/login', null, { email: zed.email, password: PASSWORD });
    expect([gone.status, gone.body.code]).toEqual([401, 'invalid_credentials']);
    const fresh = await t.call('POST', '/api/v1/auth/signup', null, { email: zed.email, password: PASSWORD, name: 'Erin Again' });
    expect(fresh.status).toBe(201);
    expect(fresh.body.member.id).not.toBe(zed.id);
    expect((await t.call('GET', '/api/v1/me/standing', { ...zed, token: fresh.body.token })).body.standing).toMatchObject({ restricted: false, restrictionCount: 0 });
  });

  it('brings a restricted address\'s standing back on a new sign-up while the memory lasts', async () => {
    const [spammer, target] = [await someone('Rex Restricted'), await someone('Tia')];
    const sent = await t.call('POST', '/api/v1/invitations', spammer, { recipientId: target.id, email: target.email });
    expect((await t.call('POST', `/api/v1/invitations/${sent.body.invitation.id}/report`, target, { reason: 'dont_know' })).status).toBe(200);
    await t.call('POST', '/api/v1/_test/run-due');
    expect((await t.call('GET', '/api/v1/me/standing', spammer)).body.standing).toMatchObject({ restricted: true, restrictionCount: 1 });

    expect((await close(spammer)).status).toBe(202);
    // While the account is closing the address is still its own: signing up again is refused, signing in reopens.
    expect((await t.call('POST', '/api/v1/auth/signup', null, { email: spammer.email, password: PASSWORD, name: 'Rex Again' })).body.code).toBe('email_taken');
    t.clock.advance((GRACE_DAYS + 1) * DAY_MS);
    await t.call('POST', '/api/v1/_test/run-due');

    const again = await t.call('POST', '/api/v1/auth/signup', null, { email: spammer.email.toUpperCase(), password: PASSWORD, name: 'Rex Again' });
    expect(again.status).toBe(201);
    const standing = (await t.call('GET', '/api/v1/me/standing', { ...spammer, token: again.body.token })).body.standing;
    expect(standing).toMatchObject({ restricted: true, restrictionCount: 1, canSelfLift: true });
    const memory = await sql<{ n: number }>`select count(*)::int as n from closed_standings`.execute(t.service.ctx.db);
    expect(memory.rows[0]!.n).toBeGreaterThanOrEqual(1);
  });

  it('lets an operator close a member who asked by other means (admin only); integrators hear member.closed', async () => {
    const [zed, other] = [await someone('Otis Operator'), await someone('Una')];
    const hook = await t.call('POST', '/api/v1/admin/webhooks', admin, { url: 'https://hooks.invalid/rapport', events: ['member.closed'] });
    expect(hook.status, JSON.stringify(hook.body)).toBe(201);
    expect((await t.call('POST', `/api/v1/admin/members/${zed.id}/close`, other)).status).toBe(403);
    expect((await t.call('POST', '/api/v1/admin/members/999999999/close', admin)).status).toBe(404);
    const closed = await t.call('POST', `/api/v1/admin/members/${zed.id}/close`, admin);
    expect(closed.status).toBe(202);
    expect(closed.body.closing.memberId).toBe(zed.id);
    expect((await t.call('GET', `/api/v1/members/${zed.id}`, other)).status).toBe(404);
    // Closing again answers the same schedule.
    expect((await t.call('POST', `/api/v1/admin/members/${zed.id}/close`, admin)).body.closing.eraseAfter).toBe(closed.body.closing.eraseAfter);
    await t.call('POST', '/api/v1/_test/run-due');
    const log = (await t.call('GET', `/api/v1/admin/webhooks/${hook.body.webhook.id}/deliveries`, admin)).body.items as { topic: string }[];
    expect(log.map((delivery) => delivery.topic)).toEqual(['member.closed']);
    await t.call('DELETE', `/api/v1/admin/webhooks/${hook.body.webhook.id}`, admin);
    const doc = (await t.call('GET', '/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/me/close', '/api/v1/admin/members/{id}/close']));
  });
});
