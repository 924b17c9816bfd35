import { connect as netConnect } from 'node:net';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken, newToken } from '../../src/db/repositories/tokens.js';
import { DAY_MS } from '../../src/domain/clock.js';
import { buildCatalogue, operationsOf, type Actor, type Fixture, type HostileCase, type OpenApiOperation } from '../helpers/hostile-catalogue.js';
import { changedTables, tableChecksummer, type TableChecksums } from '../helpers/table-checksum.js';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

/**
 * At least 500 generated, catalogued hostile requests across every operation of the OpenAPI
 * document: zero 5xx, every error an application/problem+json document with a `code`, and every
 * table exactly as it was after any refused request (a checksum of every row of every table).
 */

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));

const PASSWORD = 'correct horse battery';

describe.each(backends)('hostile input on %s', (backend) => {
  let t: TestApp;
  let ann: TestMember, ben: TestMember, carol: TestMember, dave: TestMember, eve: TestMember, frank: TestMember, zed: TestMember, admin: TestMember;
  const ids: Record<string, string> = {};
  const tokens: Partial<Record<Actor, string>> = {};
  let sessionCookie = '';
  let checksum: () => Promise<TableChecksums>;
  let catalogue: HostileCase[] = [];

  beforeAll(async () => {
    // The catalogue sends many wrong passwords from one address: the sign-in throttle is lifted here
    // (test/http/auth-throttle.test.ts covers it), so the right password still signs in between them.
    const unthrottled = { windowMinutes: 15, perAccount: 1_000_000, perAddress: 1_000_000, perAddressMax: 1_000_000 };
    t = await createTestApp(backend, { eligibility: 'anyone', captchaAfterPerDay: 3, signInThrottle: unthrottled });
    const people = await Promise.all(['Ann Hostile', 'Ben Other', 'Carol Third', 'Dave Blocker', 'Eve Friend', 'Frank Target', 'Zed Stranger'].map((name) => t.signUp(name)));
    [ann, ben, carol, dave, eve, frank, zed] = people as [TestMember, TestMember, TestMember, TestMember, TestMember, TestMember, TestMember];
    admin = await t.signUp('Ada Admin', { email: 'admin@example.com' });
    const must = async (answer: Promise<{ status: number; body: any }>, status: number) => {
      const a = await answer;
      if (a.status !== status) throw new Error(`fixture: expected ${status}, got ${a.status} ${JSON.stringify(a.body)}`);
      return a.body;
    };
    ids.invToAnn = (await must(t.call('POST', '/api/v1/invitations', ben, { recipientId: ann.id }), 201)).invitation.id;
    ids.invFromAnn = (await must(t.call('POST', '/api/v1/invitations', ann, { recipientId: carol.id, note: 'Hello Carol' }), 201)).invitation.id;
    ids.foreignInv = (await must(t.call('POST', '/api/v1/invitations', ben, { recipientId: carol.id }), 201)).invitation.id;
    await t.connect(eve, ann);
    await t.connect(ben, eve);
    await must(t.call('POST', '/api/v1/blocks', dave, { memberId: ann.id }), 204);
    for (const m of [ann, ben]) {
      await must(t.call('POST', '/api/v1/me/positions', m, { company: 'Globex', title: 'Engineer' }), 201);
      await must(t.call('POST', '/api/v1/me/education', m, { school: 'Northfield University' }), 201);
      await must(t.call('POST', '/api/v1/me/groups', m, { name: `Guild of ${m.name}` }), 201);
    }
    const profile = async (m: TestMember) => (await t.call('GET', '/api/v1/me', m)).body.member;
    const annProfile = await profile(ann);
    const benProfile = await profile(ben);
    ids.annPosition = annProfile.positions[0].id;
    ids.benPosition = benProfile.positions[0].id;
    ids.annEducation = annProfile.education[0].id;
    ids.benEducation = benProfile.education[0].id;
    ids.annGroup = annProfile.groups[0].id;
    ids.benGroup = benProfile.groups[0].id;
    ids.annRequest = (await must(t.call('POST', '/api/v1/me/allotment-requests', ann, { reason: 'a conference' }), 201)).request.id;
    ids.webhook = (await must(t.call('POST', '/api/v1/admin/webhooks', admin, { url: 'https://hooks.example.com/rapport', events: ['invitation.sent'] }), 201)).webhook.id;
    await t.call('POST', '/api/v1/_test/run-due', null);
    const notes = async (m: TestMember) => (await t.call('GET', '/api/v1/notifications', m)).body.items as { id: string }[];
    ids.annNotification = (await notes(ann))[0]?.id ?? '1';
    ids.benNotification = (await notes(ben))[0]?.id ?? '2';
    // A page of two gives a real keyset cursor; the search list gives an offset cursor.
    await must(t.call('POST', '/api/v1/invitations', zed, { recipientId: ann.id }), 201);
    const page = await t.call('GET', '/api/v1/invitations/received?limit=1', ann);
    const search = await t.call('GET', '/api/v1/members?limit=1', ann);
    ids.keysetCursor = page.body.nextCursor;
    ids.offsetCursor = search.body.nextCursor;

    // Tokens: forged (never issued), expired (issued, past its time), revoked (signed out).
    tokens.member = ann.token;
    tokens.admin = admin.token;
    tokens.forged = newToken();
    const expired = newToken();
    const now = t.clock.now();
    await t.service.ctx.db
      .insertInto('auth_tokens')
      .values({ token_hash: hashToken(expired), member_id: Number(ann.id), kind: 'bearer', csrf_token: null, created_at: new Date(now.getTime() - 100 * DAY_MS), expires_at: new Date(now.getTime() - DAY_MS), revoked_at: null })
      .execute();
    tokens.expired = expired;
    const revoked = (await must(t.call('POST', '/api/v1/auth/login', null, { email: ann.email, password: PASSWORD }), 200)).token as string;
    await must(t.call('POST', '/api/v1/auth/logout', { ...ann, token: revoked }), 204);
    tokens.revoked = revoked;
    const session = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: ann.email, password: PASSWORD, session: 'cookie' } });
    const setCookie = ([] as string[]).concat(session.headers['set-cookie'] ?? []);
    sessionCookie = setCookie.map((c) => c.split(';')[0] ?? '').filter((c) => c.startsWith('rapport_session=')).join('; ');
    if (!sessionCookie) throw new Error('fixture: no session cookie');

    checksum = await tableChecksummer(t.service.ctx.db);
    const document = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const operations = operationsOf(document);
    // HOSTILE_FULL=1: every variant on every operation (about 3,600 requests per backend).
    catalogue = buildCatalogue(operations, fixtureFor(operations), { full: process.env.HOSTILE_FULL === '1' });
  }, 120_000);

  afterAll(async () => {
    await t?.close();
  });

  function fixtureFor(operations: OpenApiOperation[]): Fixture {
    const byPath = (path: string, name: string): string => {
      // Ann reports (and may block) Zed only: the ids-of-others cases expect her to have blocked nobody else.
      if (/^\/api\/v1\/members\/\{id\}\/report$/.test(path)) return zed.id;
      if (path.startsWith('/api/v1/invitations/{id}')) return /withdraw|resend/.test(path) ? ids.invFromAnn! : ids.invToAnn!;
      if (path.startsWith('/api/v1/members/{id}')) return ben.id;
      if (path.startsWith('/api/v1/me/positions/')) return ids.annPosition!;
      if (path.startsWith('/api/v1/me/education/')) return ids.annEducation!;
      if (path.startsWith('/api/v1/me/groups/')) return ids.annGroup!;
      if (path.startsWith('/api/v1/notifications/')) return ids.annNotification!;
      if (path.startsWith('/api/v1/admin/members/')) return ben.id;
      if (path.startsWith('/api/v1/admin/webhooks/')) return ids.webhook!;
      if (path.startsWith('/api/v1/admin/allotment-requests/')) return ids.annRequest!;
      if (name === 'memberId') return zed.id;
      return '1';
    };
    return {
      pathValue: (operation, name) => byPath(operation.path, name),
      foreignPathValues: (operation, name) => {
        const path = operation.path;
        if (path === '/api/v1/invitations/{id}' && operation.method === 'DELETE') return [ids.foreignInv!, ids.invToAnn!];
        if (path === '/api/v1/invitations/{id}' || path === '/api/v1/invitations/{id}/messages') return [ids.foreignInv!];
        if (path.startsWith('/api/v1/invitations/{id}')) return /withdraw|resend/.test(path) ? [ids.foreignInv!, ids.invToAnn!] : [ids.foreignInv!, ids.invFromAnn!];
        if (path.startsWith('/api/v1/members/{id}')) return [dave.id, '999999999'];
        if (path.startsWith('/api/v1/me/positions/')) return [ids.benPosition!];
        if (path.startsWith('/api/v1/me/education/')) return [ids.benEducation!];
        if (path.startsWith('/api/v1/notifications/')) return [ids.benNotification!];
        if (path.startsWith('/api/v1/connections/')) return [carol.id, dave.id];
        if (path.startsWith('/api/v1/blocks/')) return [ben.id];
        if (path.startsWith('/api/v1/admin/') && operation.method !== 'GET') return ['999999999'];
        return [];
      },
      bodyValue: (operation, property, schema) => {
        const path = operation.path;
        if (property === 'recipientId') return frank.id;
        if (property === 'memberId') return zed.id;
        if (property === 'ids') return [ids.invToAnn];
        if (property === 'managerId') return ben.id;
        if (path.endsWith('/auth/login')) return property === 'email' ? ann.email : property === 'password' ? 'a wrong password' : undefined;
        if (path.endsWith('/auth/signup') && property === 'email') return 'hostile.signup@example.com';
        // Closing takes the password: a wrong one, so no case closes Ann's account for the rest of the run.
        if (property === 'password') return path.endsWith('/me/close') ? 'not her password' : PASSWORD;
        if (property === 'ms') return 0;
        if (property === 'url') return 'https://hooks.example.com/other';
        if (property === 'count') return 1;
        void schema;
        return undefined;
      },
      cursors: { keyset: ids.keysetCursor ?? 'MjAyMC0wMS0wMVQwMDowMDowMC4wMDBafDE', offset: ids.offsetCursor ?? 'b3wx' },
      actorFor: (operation) => (operation.path.startsWith('/api/v1/admin/') ? 'admin' : operation.path === '/api/v1/auth/logout' ? 'fresh-member' : 'member'),
    };
    void operations;
  }

  async function credentialHeaders(actor: Actor): Promise<Record<string, string>> {
    switch (actor) {
      case 'none':
        return {};
      case 'session-cookie':
        return { cookie: sessionCookie };
      case 'fresh-member': {
        const login = await t.call('POST', '/api/v1/auth/login', null, { email: ann.email, password: PASSWORD });
        return { authorization: `Bearer ${login.body.token}` };
      }
      default:
        return { authorization: `Bearer ${tokens[actor]}` };
    }
  }

  it('answers at least 500 hostile requests across every operation without a 5xx, with problem documents, writing nothing when refusing', async () => {
    expect(catalogue.length).toBeGreaterThanOrEqual(500);
    const failures: string[] = [];
    const accepted = new Map<string, number>();
    const perCategory = new Map<string, number>();
    const statuses = new Map<number, number>();
    let before = await checksum();
    const started = Date.now();
    for (const c of catalogue) {
      perCategory.set(c.category, (perCategory.get(c.category) ?? 0) + 1);
      const credentials = await credentialHeaders(c.actor);
      if (c.actor === 'fresh-member') before = await checksum();
      const headers: Record<string, string> = { ...credentials, ...(c.headers ?? {}) };
      const options: InjectOptions = { method: c.method as InjectOptions['method'], url: c.url, headers };
      if (c.payload !== undefined) options.payload = c.payload as InjectOptions['payload'];
      const where = `${c.category} | ${c.operation} | ${c.label}`;
      let response;
      try {
        response = await t.app.inject(options);
      } catch (error) {
        failures.push(`${where}: inject threw ${(error as Error).message}`);
        before = await checksum();
        continue;
      }
      const status = response.statusCode;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const after = await checksum();
      if (status >= 500) failures.push(`${where}: ${status} ${response.body.slice(0, 300)}`);
      if (status >= 400) {
        const type = String(response.headers['content-type'] ?? '');
        let code: unknown;
        try {
          code = JSON.parse(response.body).code;
        } catch {
          code = undefined;
        }
        if (!type.startsWith('application/problem+json')) failures.push(`${where}: ${status} with content-type "${type}"`);
        if (typeof code !== 'string' || code === '') failures.push(`${where}: ${status} without a code: ${response.body.slice(0, 200)}`);
        // A refusal may remember its answer under its Idempotency-Key (replays answer the same), nothing else.
        // A refused sign-in, sign-up or password check to close an account is counted (auth_throttle): that count is the throttle.
        const allowed = [...('idempotency-key' in headers ? ['idempotency_keys'] : []), ...(/\/(auth\/(login|signup)|me\/close)(\?|$)/.test(c.url) ? ['auth_throttle'] : [])];
        const changed = changedTables(before, after, allowed);
        if (changed.length > 0) failures.push(`${where}: refused with ${status} but changed ${changed.join(', ')}`);
      } else {
        accepted.set(c.category, (accepted.get(c.category) ?? 0) + 1);
      }
      if (c.refusedWith && !c.refusedWith.includes(status)) failures.push(`${where}: expected ${c.refusedWith.join('/')}, got ${status} ${response.body.slice(0, 200)}`);
      before = after;
    }
    const seconds = (Date.now() - started) / 1000;
    const width = Math.max(...[...perCategory.keys()].map((k) => k.length));
    const lines = [...perCategory.entries()].sort((a, b) => b[1] - a[1]).map(([category, n]) => `  ${category.padEnd(width)} ${String(n).padStart(5)}   accepted ${accepted.get(category) ?? 0}`);
    const operations = new Set(catalogue.map((c) => c.operation)).size;
    console.log(
      `hostile input on ${backend}: ${catalogue.length} requests over ${operations} operations in ${seconds.toFixed(1)} s\n${lines.join('\n')}\n  statuses: ${[...statuses.entries()].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`,
    );
    expect(failures).toEqual([]);
  }, 600_000);

  it('refuses forged, expired-challenge and replayed captcha payloads without writing anything', async () => {
    const { solveChallenge, createChallenge } = await import('altcha-lib/v1');
    const sender = await t.signUp('Captcha Hostile');
    const targets = await Promise.all(Array.from({ length: 5 }, (_, i) => t.signUp(`Captcha Target ${i}`)));
    for (const target of targets.slice(0, 3)) expect((await t.call('POST', '/api/v1/invitations', sender, { recipientId: target.id })).status).toBe(201);
    const asked = await t.call('POST', '/api/v1/invitations', sender, { recipientId: targets[3]!.id });
    expect([asked.status, asked.body.code]).toEqual([428, 'captcha_required']);
    const { challenge, salt, algorithm, signature, maxnumber } = asked.body.challenge;
    const solution = await solveChallenge(challenge, salt, algorithm, maxnumber).promise;
    const good = { algorithm, challenge, number: solution!.number, salt, signature };
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
    const key = `${t.service.ctx.secret}:captcha`;
    const expiredChallenge = await createChallenge({ hmacKey: key, maxNumber: 10, expires: new Date(Date.now() - 60_000) });
    const expiredSolution = await solveChallenge(expiredChallenge.challenge, expiredChallenge.salt, expiredChallenge.algorithm, 10).promise;
    const otherKey = await createChallenge({ hmacKey: 'not-our-key', maxNumber: 10 });
    const otherSolution = await solveChallenge(otherKey.challenge, otherKey.salt, otherKey.algorithm, 10).promise;
    const forged: [string, unknown][] = [
      ['wrong number', b64({ ...good, number: good.number + 1 })],
      ['forged signature', b64({ ...good, signature: 'f'.repeat(64) })],
      ['signed with another key', b64({ ...otherKey, number: otherSolution!.number })],
      ['expired challenge, our key', b64({ algorithm: expiredChallenge.algorithm, challenge: expiredChallenge.challenge, salt: expiredChallenge.salt, signature: expiredChallenge.signature, number: expiredSolution!.number })],
      ['not base64', '%%%not-base64%%%'],
      ['base64 of garbage', 'bm9wZQ=='],
      ['JSON without signature', JSON.stringify({ number: 1 })],
      ['JSON array', '[1,2,3]'],
      ['prototype keys', '{"__proto__": {"signature": "x"}, "number": 1}'],
      ['4,000 characters', 'A'.repeat(4000)],
      ['algorithm downgraded', b64({ ...good, algorithm: 'SHA-1' })],
    ];
    let before = await checksum();
    for (const [label, captcha] of forged) {
      const answer = await t.call('POST', '/api/v1/invitations', sender, { recipientId: targets[3]!.id, captcha });
      const after = await checksum();
      expect([label, answer.status, answer.body.code]).toEqual([label, 422, 'captcha_invalid']);
      expect([label, changedTables(before, after)]).toEqual([label, []]);
      before = after;
    }
    expect((await t.call('POST', '/api/v1/invitations', sender, { recipientId: targets[3]!.id, captcha: b64(good) })).status).toBe(201);
    before = await checksum();
    const replay = await t.call('POST', '/api/v1/invitations', sender, { recipientId: targets[4]!.id, captcha: b64(good) });
    expect([replay.status, replay.body.code]).toEqual([422, 'captcha_invalid']);
    expect(changedTables(before, await checksum())).toEqual([]);
    console.log(`captcha on ${backend}: ${forged.length} forged and 1 replayed payload refused`);
  }, 120_000);

  it('answers raw HTTP abuse on a real socket (huge headers, bad framing) without a 5xx', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const send = (text: string | Buffer): Promise<string> =>
      new Promise((resolve) => {
        const socket = netConnect(Number(port), '127.0.0.1');
        let data = '';
        socket.setTimeout(5_000, () => socket.destroy());
        socket.on('data', (chunk) => (data += chunk.toString('latin1')));
        socket.on('close', () => resolve(data));
        socket.on('error', () => resolve(data));
        socket.end(text);
      });
    const auth = `Authorization: Bearer ${ann.token}\r\n`;
    const cases: [string, string | Buffer][] = [
      ['20 KB header (past Node\'s 16 KB limit)', `GET /api/v1/me HTTP/1.1\r\nHost: x\r\n${auth}X-Filler: ${'x'.repeat(20_000)}\r\nConnection: close\r\n\r\n`],
      ['100 KB URL', `GET /api/v1/members?q=${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n${auth}Connection: close\r\n\r\n`],
      ['garbage request line', 'HELLO THERE\r\n\r\n'],
      ['Content-Length and Transfer-Encoding together', `POST /api/v1/invitations HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n`],
      ['broken chunked encoding', `POST /api/v1/invitations HTTP/1.1\r\nHost: x\r\n${auth}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`],
      ['raw non-ASCII bytes in the path', Buffer.concat([Buffer.from('GET /api/v1/members/'), Buffer.from([0xff, 0xfe]), Buffer.from(` HTTP/1.1\r\nHost: x\r\n${auth}Connection: close\r\n\r\n`)])],
      ['HTTP/1.0 without Host', `GET /api/v1/me HTTP/1.0\r\n${auth}\r\n`],
      ['header name with a space', `GET /api/v1/me HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n${auth}Connection: close\r\n\r\n`],
    ];
    const failures: string[] = [];
    for (const [label, request] of cases) {
      const answer = await send(request);
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
      const head = answer.split('\r\n\r\n')[0] ?? '';
      const body = answer.slice(head.length + 4);
      if (status === 0) continue; // the server may simply close a connection it cannot parse
      if (status >= 500) failures.push(`${label}: ${status}`);
      if (status >= 400) {
        if (!/content-type: application\/problem\+json/i.test(head)) failures.push(`${label}: ${status} with "${/content-type: ([^\r]*)/i.exec(head)?.[1] ?? 'no content-type'}": ${body.slice(0, 120)}`);
        else if (!/"code":"[a-z_]+"/.test(body)) failures.push(`${label}: ${status} without a code`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('refuses NUL characters in text (body and query) with a 4xx problem, never a 500', async () => {
    const cases: [string, string, TestMember | null, unknown][] = [
      ['POST', '/api/v1/auth/login', null, { email: 'a\u0000@example.com', password: 'x' }],
      ['GET', '/api/v1/members?q=a%00b', ann, undefined],
      ['GET', '/api/v1/members?school=a%00b', ann, undefined],
      ['GET', '/api/v1/connections?q=a%00b', ann, undefined],
      ['GET', '/api/v1/invitations/received?q=a%00b', ann, undefined],
      ['POST', '/api/v1/invitations/' + ids.invToAnn + '/reply', ann, { message: 'a\u0000b' }],
    ];
    const answers = [];
    for (const [method, url, who, body] of cases) {
      const answer = await t.call(method as InjectOptions['method'], url, who, body);
      answers.push(`${method} ${url.replace(/\?.*/, '')}${url.includes('?') ? '?' + url.split('?')[1] : ''} → ${answer.status} ${answer.body?.code}`);
    }
    expect(answers.filter((a) => / → 5\d\d /.test(a))).toEqual([]);
  });

  it('answers an over-long path parameter and a broken percent-encoding with a problem document', async () => {
    const answers = [];
    for (const url of [`/api/v1/members/${'1'.repeat(300)}`, '/api/v1/members/1%E0%A4%A']) {
      const response = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${ann.token}` } });
      answers.push({ url: url.slice(0, 40), status: response.statusCode, type: String(response.headers['content-type']).split(';')[0], hasCode: typeof JSON.parse(response.body).code === 'string' });
    }
    for (const answer of answers) expect(answer).toMatchObject({ type: 'application/problem+json', hasCode: true });
  });

  it('saw no unhandled promise rejection', () => {
    expect(unhandled.map(String)).toEqual([]);
  });
});
