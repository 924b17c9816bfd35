import { lookup } from 'node:dns/promises';
import { addressKind, decideWebhookTarget, type TargetDecision } from '../domain/network-address.js';

export type ResolveHost = (host: string) => Promise<string[]>;

const LOOKUP_TIMEOUT_MS = 5_000;

const resolveHost: ResolveHost = async (host) => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('DNS lookup timed out')), LOOKUP_TIMEOUT_MS)));
  try {
    return (await Promise.race([lookup(host, { all: true, verbatim: true }), timeout])).map((entry) => entry.address);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Where a webhook URL leads, checked against `decideWebhookTarget`: an IP literal as it is, a name
 * through DNS (asked again at every delivery, since the answer may change). A name that does not
 * resolve is not refused here: its delivery fails and is retried like any unreachable endpoint.
 */
export async function checkWebhookTarget(url: string, allowPrivate: boolean, resolve: ResolveHost = resolveHost): Promise<TargetDecision & { resolved: boolean }> {
  if (allowPrivate) return { ok: true, resolved: true };
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (addressKind(host) !== null) return { ...decideWebhookTarget(host, [host], false), resolved: true };
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    return { ...decideWebhookTarget(host, [], false), resolved: false };
  }
  return { ...decideWebhookTarget(host, addresses, false), resolved: true };
}

/** The sentence an operator reads when a target is refused. */
export function refusalText(decision: Extract<TargetDecision, { ok: false }>): string {
  return `url: leads to a ${decision.kind} address (${decision.address}); webhooks go to public addresses unless RAPPORT_WEBHOOK_PRIVATE_TARGETS=on`;
}
