import type { AppContext } from '../context.js';
import { autoWithdrawDueInvitations, expireDueInvitations } from './expire-invitations.js';

/** Runs every kind of scheduled work that is due now, and says how much each did. */
export async function runDueWork(ctx: AppContext): Promise<Record<string, number>> {
  const expired = await expireDueInvitations(ctx);
  const autoWithdrawn = await autoWithdrawDueInvitations(ctx);
  return { expired, autoWithdrawn };
}

/** Runs due work every `intervalMs` until stopped; a failed round is logged and retried next time. */
export function startScheduler(ctx: AppContext, intervalMs: number, onError: (error: unknown) => void): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => runDueWork(ctx)).catch(onError);
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
