import type { AppContext } from '../context.js';
import type { MailTransport } from '../mail/transport.js';
import { sendDueDigests } from './digest.js';
import { autoWithdrawDueInvitations, expireDueInvitations } from './expire-invitations.js';
import { sendDueMail } from './mail-sender.js';
import { processOutbox } from './outbox-processor.js';
import { sendDueReminders } from './reminders.js';
import { deliverDueWebhooks } from './webhook-sender.js';

/** Work that depends on the clock: reminders, expiry, auto-withdraw and digests. */
export async function runTimedWork(ctx: AppContext): Promise<Record<string, number>> {
  return {
    reminders: await sendDueReminders(ctx),
    expired: await expireDueInvitations(ctx),
    autoWithdrawn: await autoWithdrawDueInvitations(ctx),
    digests: await sendDueDigests(ctx),
  };
}

/** Delivery of what the changes caused: outbox events, then mail and webhooks, until nothing is left. */
export async function runDelivery(ctx: AppContext, transport: MailTransport, mailLeaseMs?: number): Promise<Record<string, number>> {
  const done = { events: 0, mail: 0, webhooks: 0 };
  for (;;) {
    const events = await processOutbox(ctx);
    const mail = await sendDueMail(ctx, transport, mailLeaseMs);
    const webhooks = await deliverDueWebhooks(ctx);
    done.events += events;
    done.mail += mail;
    done.webhooks += webhooks;
    if (events === 0 && mail === 0 && webhooks === 0) return done;
  }
}

/** Everything due now, to the end (the `_test/run-due` endpoint). */
export async function runDueWork(ctx: AppContext, transport: MailTransport): Promise<Record<string, number>> {
  const timed = await runTimedWork(ctx);
  const delivered = await runDelivery(ctx, transport);
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
    await runDelivery(ctx, transport, mailLeaseMs).catch(onError);
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
