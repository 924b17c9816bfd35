import type { AppContext } from '../context.js';
import type { MailTransport } from '../mail/transport.js';
import { eraseDueAccounts } from '../use-cases/erase-closed-accounts.js';
import { sendDueDigests } from './digest.js';
import { autoWithdrawDueInvitations, expireDueInvitations } from './expire-invitations.js';
import { MAIL_BATCH, sendDueMail } from './mail-sender.js';
import { OUTBOX_BATCH, processOutbox } from './outbox-processor.js';
import { sendDueReminders } from './reminders.js';
import { buildDueExports } from '../use-cases/build-data-export.js';
import { deleteExpiredExports } from '../use-cases/data-exports.js';
import { deliverDueWebhooks, WEBHOOK_BATCH } from './webhook-sender.js';

/** Work that depends on the clock: reminders, expiry, auto-withdraw and digests. */
export async function runTimedWork(ctx: AppContext): Promise<Record<string, number>> {
  return {
    reminders: await sendDueReminders(ctx),
    expired: await expireDueInvitations(ctx),
    autoWithdrawn: await autoWithdrawDueInvitations(ctx),
    digests: await sendDueDigests(ctx),
    // "Download your data": archives asked for are built here, off the request path; expired ones deleted.
    exportsBuilt: await buildDueExports(ctx),
    exportsDeleted: await deleteExpiredExports(ctx),
    erasedAccounts: await eraseDueAccounts(ctx),
  };
}

/**
 * Delivery of what the changes caused: a batch of outbox events, then the mail and webhook calls
 * due, drained (claimed again while a claim comes back full), so that they keep pace with the events
 * that make them. Another batch of events follows at once only while the last one came back full:
 * otherwise the round ends, and the next tick (`deliveryMs` later) finds what gathered meanwhile.
 * Under load a process thus claims full batches instead of racing the other processes for a few
 * events each. `untilEmpty` (the run-due endpoint) goes on until nothing is left.
 */
export async function runDelivery(ctx: AppContext, transport: MailTransport, options: { mailLeaseMs?: number; untilEmpty?: boolean } = {}): Promise<Record<string, number>> {
  const done = { events: 0, mail: 0, webhooks: 0 };
  for (;;) {
    const events = await processOutbox(ctx);
    const mail = await drain(() => sendDueMail(ctx, transport, options.mailLeaseMs), MAIL_BATCH);
    const webhooks = await drain(() => deliverDueWebhooks(ctx), WEBHOOK_BATCH);
    done.events += events;
    done.mail += mail.sent;
    done.webhooks += webhooks.delivered;
    const more = options.untilEmpty ? events > 0 || mail.claimed > 0 || webhooks.claimed > 0 : events === OUTBOX_BATCH;
    if (!more) return done;
  }
}

/** Runs a claiming step again while it claims a full batch; answers the sums of its counts. */
async function drain<Round extends { claimed: number }>(step: () => Promise<Round>, batch: number): Promise<{ [key in keyof Round]: number }> {
  const total: Record<string, number> = {};
  for (;;) {
    const round = await step();
    for (const [key, value] of Object.entries(round)) total[key] = (total[key] ?? 0) + (value as number);
    if (round.claimed < batch) return total as { [key in keyof Round]: number };
  }
}

/** Everything due now, to the end (the `_test/run-due` endpoint). */
export async function runDueWork(ctx: AppContext, transport: MailTransport): Promise<Record<string, number>> {
  const timed = await runTimedWork(ctx);
  const delivered = await runDelivery(ctx, transport, { untilEmpty: true });
  return { ...timed, ...delivered };
}

export interface Worker {
  stop(): Promise<void>;
}

/**
 * The job runner of every server process (and of `rapport worker`): delivery every `deliveryMs`,
 * timed work every `timedMs`. A failed round is reported and retried on the next tick.
 */
export interface WorkerTiming {
  deliveryMs?: number;
  timedMs?: number;
  mailLeaseMs?: number;
}

export function startWorker(ctx: AppContext, transport: MailTransport, onError: (error: unknown) => void, timing: WorkerTiming = {}): Worker {
  const { deliveryMs = 500, timedMs = 30_000, mailLeaseMs } = timing;
  let stopped = false;
  let lastTimed = 0;
  let current: Promise<unknown> = Promise.resolve();
  const tick = async () => {
    if (Date.now() - lastTimed >= timedMs) {
      lastTimed = Date.now();
      await runTimedWork(ctx).catch(onError);
    }
    await runDelivery(ctx, transport, { mailLeaseMs }).catch(onError);
  };
  const loop = () => {
    if (stopped) return;
    current = tick().finally(() => {
      if (!stopped) setTimeout(loop, deliveryMs).unref();
    });
  };
  loop();
  return {
    async stop() {
      stopped = true;
      await current;
    },
  };
}
