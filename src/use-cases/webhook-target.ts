import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { addressKind, decideWebhookTarget, type TargetDecision } from '../domain/network-address.js';

export type ResolveHost = (host: string) => Promise<string[]>;

const LOOKUP_TIMEOUT_MS = 5_000;

export const resolveHost: ResolveHost = async (host) => {
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

/**
 * The DNS lookup a webhook's connection uses: it resolves the name once more, refuses it as
 * `checkWebhookTarget` would, and connects to exactly the addresses it checked. So a name that
 * points outside when checked and inside a moment later (DNS rebinding) never reaches inside.
 */
export function guardedLookup(allowPrivate: boolean, resolve: ResolveHost = resolveHost): LookupFunction {
  return (host, options, callback) => {
    resolve(host).then(
      (addresses) => {
        const decision = decideWebhookTarget(host, addresses, allowPrivate);
        if (!decision.ok) return callback(Object.assign(new Error(`refused at connection: ${refusalText(decision)}`), { code: 'EREFUSEDTARGET' }), '', 0);
        if (addresses.length === 0) return callback(Object.assign(new Error(`no address for ${host}`), { code: 'ENOTFOUND' }), '', 0);
        const entries = addresses.map((address) => ({ address, family: isIP(address) }));
        if (options.all) return (callback as unknown as (error: null, all: typeof entries) => void)(null, entries);
        callback(null, entries[0]!.address, entries[0]!.family);
      },
      (error: Error) => callback(Object.assign(error, { code: (error as NodeJS.ErrnoException).code ?? 'ENOTFOUND' }), '', 0),
    );
  };
}
