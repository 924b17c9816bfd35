import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { sendProblem } from './problem.js';

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

/** Prometheus metrics at `/metrics`: requests and latency by route, and the database pool. */
/** Who may read `/metrics`: anyone outside production; in production only with the bearer token, and nobody without one. */
export interface MetricsAccess {
  production: boolean;
  token?: string | undefined;
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(header ?? '')?.[1] ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

export function registerMetrics(app: FastifyInstance, poolStats: () => PoolStats | null, access: MetricsAccess = { production: false }): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'rapport_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'rapport_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'rapport_db_pool_connections',
    help: 'Database pool connections by state',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = poolStats();
      if (!stats) return;
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });
  // Its own bearer token, not a member's: the member sign-in hook stays out of it.
  app.get('/metrics', { schema: { hide: true }, config: { authorisedByLinkToken: true } }, async (request, reply) => {
    if (access.production && !access.token) return sendProblem(reply, 'forbidden', 'Metrics are off in production until RAPPORT_METRICS_TOKEN is set.');
    if (access.production && access.token && !tokenMatches(request.headers.authorization, access.token)) {
      return sendProblem(reply, 'unauthorized', 'Metrics need the bearer token from RAPPORT_METRICS_TOKEN.');
    }
    reply.type(registry.contentType);
    return registry.metrics();
  });
  return registry;
}
