import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

/**
 * Nobody can tell a member who blocked them (or whom they blocked) from a member who does not
 * exist, nor an unknown email from a wrong password at login: the same status, the same body
 * (the request id aside) and the same time, within 5 ms at the median.
 *
 * Timing on a shared 2-core machine is noisy, so the variants are measured interleaved, in a
 * shuffled order each round, and compared by the median of their per-round differences (load that
 * drifts during the run hits both sides of a round alike). A comparison that fails is measured
 * again, up to three times: a real difference shows every time, a burst of load does not.
 */

const MAX_MEDIAN_GAP_MS = 5;

interface Variant {
  name: string;
  run: () => Promise<{ status: number; body: any }>;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

const withoutRequestId = (body: any) => {
  if (!body || typeof body !== 'object') return body;
  const { requestId: _ignored, ...rest } = body;
  return rest;
};

/** Runs every variant `rounds` times interleaved; answers each variant's timings (ms) per round. */
async function measure(variants: Variant[], rounds: number): Promise<Map<string, number[]>> {
  const times = new Map(variants.map((v) => [v.name, [] as number[]]));
  for (let round = 0; round < rounds; round++) {
    for (const variant of shuffle(variants)) {
      const started = process.hrtime.bigint();
      await variant.run();
      times.get(variant.name)!.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  return times;
}

/**
 * The median of per-round differences of every variant against the first, over up to three
 * attempts. A gap passes when it is within 5 ms, or when it is not significantly beyond 5 ms:
 * |gap| − SE ≤ 5 ms, with SE the standard error of the median from the spread (MAD) of the
 * per-round differences. A real gap shows in every attempt; noise shows as a large SE.
 */
async function assertSameTiming(label: string, variants: Variant[], rounds: number, warmup: number): Promise<void> {
  await measure(variants, warmup);
  let report = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const times = await measure(variants, rounds);
    const reference = times.get(variants[0]!.name)!;
    const gaps = variants.slice(1).map((v) => {
      const differences = times.get(v.name)!.map((t, i) => t - reference[i]!);
      const gap = median(differences);
      const mad = median(differences.map((d) => Math.abs(d - gap)));
      const se = (1.2533 * 1.4826 * mad) / Math.sqrt(differences.length);
      return { name: v.name, gap, se, ok: Math.abs(gap) <= MAX_MEDIAN_GAP_MS || Math.abs(gap) - se <= MAX_MEDIAN_GAP_MS };
    });
    const medians = variants.map((v) => `${v.name} ${median(times.get(v.name)!).toFixed(2)} ms`).join(', ');
    const gapText = gaps.map((g) => `${g.name} ${g.gap >= 0 ? '+' : ''}${g.gap.toFixed(2)} ± ${g.se.toFixed(2)} ms${Math.abs(g.gap) > MAX_MEDIAN_GAP_MS && g.ok ? ' (inconclusive: noise)' : ''}`).join(', ');
    report = `${label} (attempt ${attempt}, ${rounds} rounds): medians ${medians}; paired gap vs ${variants[0]!.name}: ${gapText}`;
    console.log(report);
    if (gaps.every((g) => g.ok)) return;
  }
  throw new Error(`timing tells the variants apart: ${report}`);
}

async function assertSameAnswer(variants: Variant[]): Promise<void> {
  const answers = await Promise.all(variants.map(async (v) => ({ name: v.name, answer: await v.run() })));
  const [first, ...rest] = answers;
  for (const other of rest) {
    expect({ variant: other.name, status: other.answer.status, body: withoutRequestId(other.answer.body) }).toEqual({
      variant: other.name,
      status: first!.answer.status,
      body: withoutRequestId(first!.answer.body),
    });
  }
}

describe.each(backends)('no enumeration on %s', (backend) => {
  let t: TestApp;
  let viewer: TestMember, blocker: TestMember, blockedByViewer: TestMember, stranger: TestMember;
  const unknownId = '987654321';

  beforeAll(async () => {
    // The login timing is measured on the password check itself: the sign-in throttle is lifted (auth-throttle.test.ts covers it).
    const unthrottled = { windowMinutes: 15, perAccount: 1_000_000, perAddress: 1_000_000, perAddressMax: 1_000_000 };
    t = await createTestApp(backend, { eligibility: 'anyone', captchaAfterPerDay: 100_000, monthlyLimit: 100_000, lifetimeAllotment: 100_000, signInThrottle: unthrottled });
    [viewer, blocker, blockedByViewer, stranger] = (await Promise.all(['Vic Viewer', 'Bea Blocker', 'Bo Blocked', 'Sam Stranger'].map((n) => t.signUp(n)))) as [TestMember, TestMember, TestMember, TestMember];
    expect((await t.call('POST', '/api/v1/blocks', blocker, { memberId: viewer.id })).status).toBe(204);
    expect((await t.call('POST', '/api/v1/blocks', viewer, { memberId: blockedByViewer.id })).status).toBe(204);
  });
  afterAll(() => t.close());

  it('GET /members/{id}: a member who blocked you, one you blocked and one who does not exist answer alike', async () => {
    const variants: Variant[] = [
      { name: 'unknown', run: () => t.call('GET', `/api/v1/members/${unknownId}`, viewer) },
      { name: 'blocked you', run: () => t.call('GET', `/api/v1/members/${blocker.id}`, viewer) },
      { name: 'you blocked', run: () => t.call('GET', `/api/v1/members/${blockedByViewer.id}`, viewer) },
    ];
    await assertSameAnswer(variants);
    expect((await variants[0]!.run()).status).toBe(404);
    expect((await t.call('GET', `/api/v1/members/${stranger.id}`, viewer)).status).toBe(200);
    await assertSameTiming(`GET /members/{id} on ${backend}`, variants, 60, 15);
  }, 180_000);

  it('GET /members/{id}/mutual-connections answers alike too', async () => {
    const variants: Variant[] = [
      { name: 'unknown', run: () => t.call('GET', `/api/v1/members/${unknownId}/mutual-connections`, viewer) },
      { name: 'blocked you', run: () => t.call('GET', `/api/v1/members/${blocker.id}/mutual-connections`, viewer) },
      { name: 'you blocked', run: () => t.call('GET', `/api/v1/members/${blockedByViewer.id}/mutual-connections`, viewer) },
    ];
    await assertSameAnswer(variants);
  });

  it('POST /invitations with recipientId: blocked either way and unknown answer alike, and nothing is written', async () => {
    const send = (id: string) => () => t.call('POST', '/api/v1/invitations', viewer, { recipientId: id, note: 'Hello there' });
    const variants: Variant[] = [
      { name: 'unknown', run: send(unknownId) },
      { name: 'blocked you', run: send(blocker.id) },
      { name: 'you blocked', run: send(blockedByViewer.id) },
    ];
    await assertSameAnswer(variants);
    expect((await variants[0]!.run()).status).toBe(404);
    await assertSameTiming(`POST /invitations on ${backend}`, variants, 60, 15);
    const rows = await t.service.ctx.db.selectFrom('invitations').select('id').where('sender_id', '=', Number(viewer.id)).where('recipient_id', 'is not', null).execute();
    expect(rows).toEqual([]);
  }, 180_000);

  it('POST /auth/login: an unknown email and a wrong password answer alike, in the same time', async () => {
    const login = (email: string) => () => t.call('POST', '/api/v1/auth/login', null, { email, password: 'not the password' });
    const variants: Variant[] = [
      { name: 'unknown email', run: login('nobody-at-all@example.com') },
      { name: 'wrong password', run: login(viewer.email) },
    ];
    await assertSameAnswer(variants);
    expect((await variants[0]!.run()).status).toBe(401);
    await assertSameTiming(`POST /auth/login on ${backend}`, variants, 40, 6);
  }, 300_000);

  it('POST /invitations with only an email: an unknown address and the address of a member who blocked you answer alike', async () => {
    const unknownEmail = await t.call('POST', '/api/v1/invitations', viewer, { email: 'not-a-member@example.com' });
    const blockerEmail = await t.call('POST', '/api/v1/invitations', viewer, { email: blocker.email });
    const shape = (answer: { status: number; body: any }) => ({ status: answer.status, code: answer.body?.code, recipient: answer.body?.invitation?.recipient, status2: answer.body?.invitation?.status, keys: Object.keys(answer.body?.invitation ?? answer.body ?? {}).sort() });
    expect(shape(blockerEmail)).toEqual(shape(unknownEmail));
    const reached = await t.service.ctx.db.selectFrom('invitations').select('id').where('sender_id', '=', Number(viewer.id)).where('recipient_id', '=', Number(blocker.id)).execute();
    expect(reached).toEqual([]);
  });
});
