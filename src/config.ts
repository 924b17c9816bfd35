import { isIP } from 'node:net';
import { parsePolicy, type Policy } from './domain/policy.js';

/** Everything read from the environment, validated once at start (API.md "Running"). */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Most connections each process opens to PostgreSQL. */
  databasePoolSize: number;
  dataDir: string;
  policy: Policy;
  smtpUrl: string | undefined;
  testClock: boolean;
  adminEmails: Set<string>;
  demo: boolean;
  /** Public base URL used in mail links; defaults to the listening address. */
  publicUrl: string | undefined;
  /** Serve degree, mutual connections and suggestions from an in-memory graph index (else SQL). */
  graphIndex: boolean;
  /** Serve every queued mail at `/dev/mail` to whoever asks: only when switched on, never in production. */
  devMailbox: boolean;
  /** Webhooks may target loopback, private, link-local and metadata addresses (`RAPPORT_WEBHOOK_PRIVATE_TARGETS`, off by default). */
  webhookPrivateTargets: boolean;
  /**
   * Which peers may say who the client is (`X-Forwarded-For`, `X-Forwarded-Proto`): nobody by
   * default (`RAPPORT_TRUST_PROXY`). Fastify's `trustProxy` value: `true` for any peer, a hop count,
   * or a list of addresses and CIDR ranges.
   */
  trustProxy: boolean | number | string[];
  /** Run as in production (`NODE_ENV=production`): `/metrics` then needs `metricsToken`. */
  production: boolean;
  /** Bearer token `/metrics` asks for in production (`RAPPORT_METRICS_TOKEN`); without one it is refused there. */
  metricsToken: string | undefined;
  /** How long `serve` and `worker` wait for PostgreSQL to come up before giving up (`RAPPORT_DB_WAIT_SECONDS`). */
  databaseWaitSeconds: number;
}

export class ConfigError extends Error {}

function parseSwitch(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (value === 'on' || value === '1') return true;
  if (value === 'off' || value === '0') return false;
  throw new ConfigError(`${name} must be "on" or "off", got "${value}"`);
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, got "${value}"`);
  return port;
}

function parsePoolSize(value: string | undefined): number {
  if (value === undefined || value === '') return 10;
  const size = Number(value);
  if (!/^\d+$/.test(value) || size < 1 || size > 1000) throw new ConfigError(`DATABASE_POOL_SIZE must be a whole number from 1 to 1000, got "${value}"`);
  return size;
}

/** `RAPPORT_DEV_MAILBOX=1` opens the dev mailbox, which shows one-click links and join tokens to anyone: refused in production. */
function parseDevMailbox(env: NodeJS.ProcessEnv): boolean {
  const on = parseSwitch('RAPPORT_DEV_MAILBOX', env.RAPPORT_DEV_MAILBOX, false);
  if (on && env.NODE_ENV === 'production') throw new ConfigError('RAPPORT_DEV_MAILBOX must not be on when NODE_ENV=production: the dev mailbox shows every mail to anyone');
  return on;
}

/**
 * `RAPPORT_TRUST_PROXY`: unset or `off` trusts no forwarding header, so a client cannot pick the
 * address that sign-in throttling counts; `on` trusts any peer (only when every request comes
 * through a proxy that overwrites the headers); a number trusts that many proxy hops; otherwise a
 * comma-separated list of proxy addresses or CIDR ranges (`127.0.0.1,10.0.0.0/8`).
 */
function parseTrustProxy(value: string | undefined): Config['trustProxy'] {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'off' || text === '0') return false;
  if (text === 'on') return true;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim()).filter(Boolean);
  const invalid = entries.find((entry) => !isIP(entry.split('/')[0]!) || (entry.includes('/') && !/^\d{1,3}$/.test(entry.split('/')[1]!)));
  if (invalid !== undefined || entries.length === 0) {
    throw new ConfigError(`RAPPORT_TRUST_PROXY must be "off", "on", a number of proxy hops or a comma-separated list of addresses and CIDR ranges, got "${invalid ?? text}"`);
  }
  return entries;
}

function parseWaitSeconds(value: string | undefined): number {
  if (value === undefined || value === '') return 60;
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || seconds > 86_400) throw new ConfigError(`RAPPORT_DB_WAIT_SECONDS must be a number of seconds from 0 to 86400, got "${value}"`);
  return seconds;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: parsePort(env.PORT),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    databasePoolSize: parsePoolSize(env.DATABASE_POOL_SIZE),
    dataDir: env.RAPPORT_DATA_DIR || './data',
    policy: parsePolicy(env.RAPPORT_POLICY),
    smtpUrl: env.SMTP_URL || undefined,
    testClock: env.RAPPORT_TEST_CLOCK === '1',
    adminEmails: new Set(
      (env.RAPPORT_ADMIN_EMAILS ?? '')
        .split(',')
        .map((email) => email.trim().toLowerCase())
        .filter(Boolean),
    ),
    demo: env.RAPPORT_DEMO === '1',
    publicUrl: env.RAPPORT_PUBLIC_URL || undefined,
    graphIndex: parseSwitch('RAPPORT_GRAPH_INDEX', env.RAPPORT_GRAPH_INDEX, true),
    devMailbox: parseDevMailbox(env),
    webhookPrivateTargets: parseSwitch('RAPPORT_WEBHOOK_PRIVATE_TARGETS', env.RAPPORT_WEBHOOK_PRIVATE_TARGETS, false),
    trustProxy: parseTrustProxy(env.RAPPORT_TRUST_PROXY),
    production: env.NODE_ENV === 'production',
    metricsToken: env.RAPPORT_METRICS_TOKEN || undefined,
    databaseWaitSeconds: parseWaitSeconds(env.RAPPORT_DB_WAIT_SECONDS),
  };
}
