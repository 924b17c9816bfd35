import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { Socket } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { AppContext } from '../context.js';
import type { AdjustableClock } from '../domain/clock.js';
import { registerAuth } from './auth.js';
import { registerErrorHandling } from './errors.js';
import { registerIdempotency } from './idempotency.js';
import { registerHealth } from './health.js';
import { registerMetrics, type MetricsAccess, type PoolStats } from './metrics.js';
import { sendProblem } from './problem.js';
import { registerRoutes } from './routes/index.js';
import { registerMailPages } from './mail-pages.js';
import { apiDocsCsp, registerSecurityHeaders } from './security-headers.js';
import { registerWebApp } from './web-app.js';
import type { MailTransport } from '../mail/transport.js';

export interface ServerOptions {
  ctx: AppContext;
  logger?: Logger | false;
  /** Present only with `RAPPORT_TEST_CLOCK=1`: enables the `_test` endpoints. */
  testClock?: AdjustableClock | undefined;
  poolStats?: () => PoolStats | null;
  /** Reports whether the service can take traffic (migrated, not shutting down). */
  isReady?: () => boolean;
  /** Runs all scheduled work that is due (the `_test/run-due` endpoint). */
  runDueWork?: () => Promise<Record<string, number>>;
  mailTransport?: MailTransport;
  /** Serve the dev mailbox at `/dev/mail` (`RAPPORT_DEV_MAILBOX=1`). */
  devMailbox?: boolean;
  webDistDir?: string;
  /** Which peers' `X-Forwarded-*` headers are believed (`RAPPORT_TRUST_PROXY`); none by default. */
  trustProxy?: boolean | number | string[];
  /** Who may read `/metrics` (a bearer token in production). */
  metricsAccess?: MetricsAccess;
}

export const BODY_LIMIT_BYTES = 1024 * 1024;

const defaultWebDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/** Builds the HTTP server: the API under `/api/v1`, its OpenAPI document, and the web app. */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { ctx } = options;
  const app = Fastify({
    loggerInstance: options.logger || undefined,
    logger: options.logger ? undefined : false,
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: options.trustProxy ?? false,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { maxParamLength: 200 },
    // The router's own refusals (over-long parameter, broken percent-encoding) as problem documents too.
    frameworkErrors: (error: Error, _request: unknown, reply: FastifyReply) => {
      void sendProblem(reply, 'validation_failed', error.message);
    },
    // Requests so broken that no route sees them (bad framing, huge headers): a problem document, then close.
    clientErrorHandler: (error: Error & { code?: string }, socket: Socket) => {
      if (!socket.writable) return socket.destroy();
      const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      const body = JSON.stringify({ type: 'about:blank', title: 'Bad request', status, code: status === 431 ? 'payload_too_large' : 'malformed_body', detail: 'The request could not be read as HTTP.' });
      socket.end(`HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    },
  } as Parameters<typeof Fastify>[0]) as unknown as FastifyInstance;
  app.removeContentTypeParser('text/plain'); // the API speaks JSON only: anything else is a clear 415
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });

  registerErrorHandling(app);
  await registerSecurityHeaders(app);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rapport API',
        version: '1.0.0',
        description: 'Members, the connection graph and invitations to connect. Errors are RFC 9457 problem documents with a stable `code`.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'rapport_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: apiDocsCsp });

  const auth = registerAuth(app, ctx);
  registerIdempotency(app, ctx);
  registerMetrics(app, options.poolStats ?? (() => null), options.metricsAccess);
  registerHealth(app, ctx.db, options.isReady ?? (() => true));
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => registerRoutes(api, { ctx, auth, testClock: options.testClock, runDueWork: options.runDueWork, devMailbox: options.devMailbox === true }),
    { prefix: '/api/v1' },
  );

  await app.register(async (pages) => registerMailPages(pages, ctx, options.devMailbox === true));

  // The web app's files, and its index.html for any other GET outside the API (client-side routes).
  const webDist = options.webDistDir ?? defaultWebDist;
  const serveWeb = existsSync(`${webDist}/index.html`);
  if (serveWeb) await registerWebApp(app, webDist);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    // A hashed file that is gone (an older build's) is a 404, not index.html under a script's name.
    if (serveWeb && request.method === 'GET' && !path.startsWith('/api/') && !path.startsWith('/assets/')) return reply.type('text/html').sendFile('index.html');
    return sendProblem(reply, 'not_found', `No ${request.method} ${path} here.`);
  });
  return app;
}
