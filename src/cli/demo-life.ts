import { faker } from '@faker-js/faker';
import type { AppContext } from '../context.js';
import { addDays, DAY_MS, type Clock } from '../domain/clock.js';
import { normalizeEmail } from '../domain/member.js';
import type { HowWeMet } from '../db/schema.js';
import { insertMember } from '../db/repositories/members.js';
import { inTransaction } from '../db/transaction.js';
import { randomSource } from '../graph/generate.js';
import { expireDueInvitations } from '../jobs/expire-invitations.js';
import { processOutbox } from '../jobs/outbox-processor.js';
import { acceptInvitation } from '../use-cases/accept-invitation.js';
import { answerInvitation } from '../use-cases/answer-invitation.js';
import { addPosition } from '../use-cases/edit-profile.js';
import { joinGroupById } from '../use-cases/groups.js';
import { requestIntroduction } from '../use-cases/introductions.js';
import { withdrawInvitation } from '../use-cases/manage-sent-invitation.js';
import { readConversation, sendMessage } from '../use-cases/messages.js';
import { markAllNotificationsRead } from '../use-cases/read-notifications.js';
import { openInvitation } from '../use-cases/read-invitations.js';
import { sendInvitation } from '../use-cases/send-invitation.js';
import { DEMO_EMAIL } from './seed.js';

/**
 * The demo member's first screens, lived in: invitations to answer, notifications, sent invitations
 * in every state, an introduction, a conversation, company pages and groups. Everything goes through
 * the use cases with a seed clock set back in time, so every rule, event and notification is real;
 * every choice comes from the seed, so two runs on an empty database give the same network.
 */

/** A clock the seeder sets: each step happens at its own moment in the demo's past. */
class SeedClock implements Clock {
  constructor(private at: number) {}
  now(): Date {
    return new Date(this.at);
  }
  set(date: Date): void {
    this.at = date.getTime();
  }
}

const HOW_WE_MET: HowWeMet[] = ['colleague', 'classmate', 'business', 'friend', 'other'];
const DEMO_GROUPS = ['Product Leaders Circle', 'Remote Work Network'];

const RECEIVED_NOTES = [
  'We met at the product meetup in the spring. Would be great to stay in touch.',
  'I saw your talk on onboarding flows. I am working on something similar and would love to compare notes.',
  'We were in the same cohort a few years back. Good to find you here!',
  'Our teams worked together on the partner launch. Let us keep in touch.',
  'A mutual friend suggested I reach out. I am hiring for a similar role and would value your view.',
  'Thanks for the thoughtful answer in the group last week. Happy to connect.',
  'I run the data team two floors up from your old office. Would be glad to have you in my network.',
];
const SENT_NOTES = ['Good to meet you at the conference. Let us stay in touch.', 'Enjoyed working on the review with you.', null, 'Would love to hear how the migration went.', null];
/** Notifications older than this many days were read; newer ones wait in the bell. */
const READ_BEFORE_DAYS = 4;
const SPAM_NOTE = 'Hi dear! I help professionals like you 10x their reach. Connect with me and I will send my FREE growth guide!';

export interface DemoLife {
  received: number;
  sent: number;
}

/** How far back the demo's story starts: before its oldest invitation, which has expired by now. */
export function historyDays(ctx: Pick<AppContext, 'policy'>): number {
  return (ctx.policy.expiryDays ?? 180) + 20;
}

/** Gives the demo member (created by `seedNetwork`) a lived-in network. */
export async function seedDemoLife(ctx: AppContext, options: { seed?: number; now?: Date } = {}): Promise<DemoLife> {
  const seed = options.seed ?? 42;
  const random = randomSource(seed * 7919 + 1);
  faker.seed(seed * 7919 + 1);
  const end = options.now ?? ctx.clock.now();
  const clock = new SeedClock(end.getTime());
  const demoCtx: AppContext = { ...ctx, clock };
  const at = (daysAgo: number) => clock.set(new Date(end.getTime() - daysAgo * DAY_MS));
  const deliver = async () => {
    while ((await processOutbox(demoCtx)) > 0);
  };
  const pick = <T>(list: T[]): T => list.splice(Math.floor(random() * list.length), 1)[0]!;

  const demo = await ctx.db.selectFrom('members').select(['id', 'password_hash']).where('email_normalized', '=', normalizeEmail(DEMO_EMAIL)).executeTakeFirstOrThrow();
  const involved = new Set<number>([demo.id]);
  const graph = await readGraph(ctx);
  const demoConnections = [...(graph.get(demo.id) ?? [])].sort((a, b) => a - b);
  const take = (candidates: number[], count: number) => {
    const free = candidates.filter((id) => !involved.has(id));
    const chosen: number[] = [];
    while (chosen.length < count && free.length > 0) chosen.push(pick(free));
    for (const id of chosen) involved.add(id);
    return chosen;
  };

  // Company pages for the demo member's company and another one, with people whose positions name them.
  at(historyDays(ctx) - 5);
  const companies = await companyPages(ctx, demo.id);
  const colleagues = take(demoConnections, 2);
  for (const id of colleagues) await addPosition(demoCtx, id, { company: companies[0]!, title: faker.person.jobTitle(), startYear: 2019 });
  for (const name of companies) await createMember(ctx, demo.password_hash, name, `${faker.company.catchPhrase()}`, 'company', clock.now());

  const groups = await ctx.db.selectFrom('groups').select('id').where('name', 'in', DEMO_GROUPS).orderBy('id').execute();
  for (const group of groups) await joinGroupById(demoCtx, demo.id, group.id);

  // Everything below happens on a timeline, in the order of its moments, so that every row (an
  // invitation, a notification, a message) is written when it happened and lists read newest first.
  const steps: { daysAgo: number; run: () => Promise<void> }[] = [];
  const on = (daysAgo: number, run: () => Promise<void>) => void steps.push({ daysAgo, run });

  // Sent invitations, one story each: what the demo member sees on Sent.
  let sent = 0;
  const send = (recipientId: number, daysAgo: number, then?: { daysAgo: number; run: (invitationId: number) => Promise<unknown> }) => {
    let invitationId = 0;
    const note = SENT_NOTES[sent % SENT_NOTES.length] ?? undefined;
    const howWeMet = HOW_WE_MET[sent % HOW_WE_MET.length];
    sent++;
    on(daysAgo, async () => {
      invitationId = (await sendInvitation(demoCtx, demo.id, { recipientId, note, howWeMet })).invitation.id;
    });
    if (then) on(then.daysAgo, async () => void (await then.run(invitationId)));
  };
  const [expired, declined, withdrawn, acceptedA, acceptedB, ignored, seenA, seenB, unseenA, unseenB] = take(byDistance(graph, demo.id).get(2) ?? [], 10);
  if (ctx.policy.expiryDays !== null && expired !== undefined) send(expired, ctx.policy.expiryDays + 10);
  if (acceptedA !== undefined) send(acceptedA, 45, { daysAgo: 44, run: (id) => acceptInvitation(demoCtx, acceptedA, id) });
  if (declined !== undefined) send(declined, 40, { daysAgo: 38, run: (id) => answerInvitation(demoCtx, declined, id, { action: 'decline' }) });
  if (withdrawn !== undefined) send(withdrawn, 35, { daysAgo: 12, run: (id) => withdrawInvitation(demoCtx, demo.id, id) });
  if (acceptedB !== undefined) send(acceptedB, 20, { daysAgo: 3, run: (id) => acceptInvitation(demoCtx, acceptedB, id) });
  if (ignored !== undefined) send(ignored, 16, { daysAgo: 15, run: (id) => answerInvitation(demoCtx, ignored, id, { action: 'ignore' }) });
  for (const [who, daysAgo, seenAfter] of [[seenA, 14, 2], [seenB, 9, 1], [unseenA, 4, null], [unseenB, 1, null]] as const) {
    if (who === undefined) continue;
    send(who, daysAgo, seenAfter === null ? undefined : { daysAgo: daysAgo - seenAfter, run: (id) => openInvitation(demoCtx, who, id) });
  }

  // Received invitations, their senders' degrees as they stand once the accepted ones connected.
  const final = withEdges(graph, demo.id, [acceptedA, acceptedB]);
  const degrees = byDistance(final, demo.id);
  // 2nd degree before the last accept as well: their invitations needed no address when sent.
  const secondBefore = new Set(byDistance(graph, demo.id).get(2) ?? []);
  const fromSecond = take((degrees.get(2) ?? []).filter((id) => secondBefore.has(id)), 7);
  const fromThird = take(degrees.get(3) ?? [], 4);
  const stranger = await createMember(ctx, demo.password_hash, `${faker.person.firstName()} ${faker.person.lastName()}`, 'Helping 10,000+ professionals grow their reach | DM for collaborations', 'person', addDays(end, -30));
  const senders: { id: number; note?: string; howWeMet?: HowWeMet; email?: string }[] = [
    ...fromSecond.map((id, i) => ({ id, ...(i < 5 ? { note: RECEIVED_NOTES[i]! } : {}), ...(i !== 6 ? { howWeMet: HOW_WE_MET[i % HOW_WE_MET.length]! } : {}) })),
    // 3rd degree is beyond reach without the address: these senders know it.
    ...fromThird.map((id, i) => ({ id, email: DEMO_EMAIL, ...(i < 2 ? { note: RECEIVED_NOTES[5 + i]! } : {}), ...(i !== 3 ? { howWeMet: HOW_WE_MET[(i + 2) % HOW_WE_MET.length]! } : {}) })),
    { id: stranger, email: DEMO_EMAIL, note: SPAM_NOTE, howWeMet: 'other' },
  ];
  // Interleaved, as invitations come in: not all the 2nd degree ones first.
  const arrivals = senders.map((sender, i) => ({ sender, order: random() + i / senders.length })).sort((a, b) => a.order - b.order);
  for (const [i, { sender }] of arrivals.entries()) {
    on(14 - (i * 13.5) / arrivals.length, async () => {
      await sendInvitation(demoCtx, sender.id, { recipientId: demo.id, note: sender.note, howWeMet: sender.howWeMet, email: sender.email });
    });
  }

  // Introductions: one the demo member asked for, one they are asked to make.
  const mine = [...(final.get(demo.id) ?? [])].sort((a, b) => a - b);
  const introducer = mine.find((id) => !involved.has(id) && targetOf(final, id, demo.id, involved) !== undefined);
  if (introducer !== undefined) {
    const target = targetOf(final, introducer, demo.id, involved)!;
    involved.add(introducer).add(target);
    on(6, async () => {
      await requestIntroduction(demoCtx, demo.id, {
        introducerId: introducer,
        targetId: target,
        messageToIntroducer: 'Would you introduce me? I would love to learn how their team runs customer research.',
        messageToTarget: 'Hello! I lead product work on onboarding and would value twenty minutes of your time.',
      });
    });
  }
  const requester = mine.find((id) => !involved.has(id) && mine.some((other) => other !== id && !involved.has(other) && !final.get(id)?.has(other)));
  if (requester !== undefined) {
    const target = mine.find((other) => other !== requester && !involved.has(other) && !final.get(requester)?.has(other))!;
    involved.add(requester).add(target);
    on(2, async () => {
      await requestIntroduction(demoCtx, requester, {
        introducerId: demo.id,
        targetId: target,
        messageToIntroducer: 'Could you introduce me? I saw you are connected and I am looking for advice on hiring designers.',
        messageToTarget: 'Hi! Dana suggested we talk about building a design team from scratch.',
      });
    });
  }

  // A conversation with a colleague, the last message not yet read.
  const friend = colleagues[0] ?? mine.find((id) => !involved.has(id));
  if (friend !== undefined) {
    const lines: [number, number, string][] = [
      [friend, 5, 'Hi Dana, are you going to the product meetup on Thursday?'],
      [demo.id, 4.9, 'I am! Want to grab a coffee before it starts?'],
      [friend, 4.8, 'Perfect. The café on the corner at 5?'],
      [demo.id, 4.7, 'See you there.'],
      [friend, 0.5, 'Great seeing you yesterday. I will send the slides I mentioned once they are public.'],
    ];
    for (const [from, daysAgo, text] of lines) {
      on(daysAgo, async () => {
        // The demo member reads the thread before answering it.
        if (from === demo.id) await readConversation(demoCtx, demo.id, friend, 50, null);
        await sendMessage(demoCtx, from, from === demo.id ? friend : demo.id, text);
      });
    }
  }

  // The demo member looked at the bell a few days ago: what came before then reads as read.
  on(READ_BEFORE_DAYS, async () => void (await markAllNotificationsRead(demoCtx, demo.id)));

  steps.sort((a, b) => b.daysAgo - a.daysAgo); // stable: a step keeps its place among those of its moment
  for (const step of steps) {
    at(step.daysAgo);
    await step.run();
    await deliver();
  }

  // Time catches up: the oldest invitation has expired, the way the worker would find it.
  clock.set(end);
  await expireDueInvitations(demoCtx);
  await deliver();
  return { received: senders.length, sent };
}

/** Everyone's connections, read in a fixed order so the seed decides alike on every run. */
async function readGraph(ctx: AppContext): Promise<Map<number, Set<number>>> {
  const rows = await ctx.db.selectFrom('connections').select(['member_id', 'other_id']).orderBy('member_id').orderBy('other_id').execute();
  const graph = new Map<number, Set<number>>();
  for (const row of rows) {
    let set = graph.get(row.member_id);
    if (!set) graph.set(row.member_id, (set = new Set()));
    set.add(row.other_id);
  }
  return graph;
}

/** The graph with the demo member connected to these members too (invitations they will accept). */
function withEdges(graph: Map<number, Set<number>>, demoId: number, others: (number | undefined)[]): Map<number, Set<number>> {
  const copy = new Map([...graph].map(([id, set]) => [id, new Set(set)]));
  for (const other of others) {
    if (other === undefined) continue;
    copy.set(demoId, (copy.get(demoId) ?? new Set()).add(other));
    copy.set(other, (copy.get(other) ?? new Set()).add(demoId));
  }
  return copy;
}

/** Members by their degree from `origin` (1, 2, 3), each list in id order. */
function byDistance(graph: Map<number, Set<number>>, origin: number): Map<number, number[]> {
  const distance = new Map<number, number>([[origin, 0]]);
  let frontier = [origin];
  for (let d = 1; d <= 3; d++) {
    const next: number[] = [];
    for (const id of frontier) {
      for (const other of graph.get(id) ?? []) {
        if (distance.has(other)) continue;
        distance.set(other, d);
        next.push(other);
      }
    }
    frontier = next;
  }
  const out = new Map<number, number[]>();
  for (const [id, d] of distance) if (d > 0) out.set(d, [...(out.get(d) ?? []), id]);
  for (const list of out.values()) list.sort((a, b) => a - b);
  return out;
}

/** A connection of `introducer` who is not yet the demo member's, nor part of another story. */
function targetOf(graph: Map<number, Set<number>>, introducer: number, demoId: number, involved: Set<number>): number | undefined {
  const mine = graph.get(demoId) ?? new Set<number>();
  return [...(graph.get(introducer) ?? [])].sort((a, b) => a - b).find((id) => id !== demoId && !mine.has(id) && !involved.has(id));
}

/** The demo member's current company and the one most people work at now (besides it). */
async function companyPages(ctx: AppContext, demoId: number): Promise<string[]> {
  const own = await ctx.db.selectFrom('positions').select('company').where('member_id', '=', demoId).where('end_year', 'is', null).orderBy('id').executeTakeFirst();
  const busiest = await ctx.db
    .selectFrom('positions')
    .select(['company', (eb) => eb.fn.countAll<number>().as('people')])
    .where('end_year', 'is', null)
    .$if(own !== undefined, (qb) => qb.where('company', '!=', own!.company))
    .groupBy('company')
    .orderBy('people', 'desc')
    .orderBy('company')
    .executeTakeFirst();
  return [own?.company, busiest?.company].filter((name): name is string => name !== undefined);
}

async function createMember(ctx: AppContext, passwordHash: string, name: string, headline: string, kind: 'person' | 'company', createdAt: Date): Promise<number> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const email = `${kind === 'company' ? 'company' : 'person'}-${slug}@demo.rapport.local`;
  const row = await inTransaction(ctx.db, (trx) =>
    insertMember(trx, {
      kind,
      email,
      email_normalized: normalizeEmail(email),
      password_hash: passwordHash,
      name,
      headline,
      location: kind === 'company' ? faker.location.city() : '',
      created_at: createdAt,
      manager_id: null,
      restricted_at: null,
      restriction_ends_at: null,
      last_lift_at: null,
    }),
  );
  return row.id;
}
