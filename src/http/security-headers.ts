import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The web app's policy: everything from this origin, no inline script (Vite's build has none) and
 * no inline style (React sets styles through the DOM, which CSP does not restrict), never framed.
 */
const appDirectives = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  objectSrc: ["'none'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  // Off: a deployment may be served over plain HTTP on a private network; HSTS covers HTTPS ones.
  upgradeInsecureRequests: null,
};

function serialise(directives: Record<string, string[] | null>): string {
  return Object.entries(directives)
    .filter((entry): entry is [string, string[]] => entry[1] !== null)
    .map(([name, values]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`)
    .join('; ');
}

/**
 * The pages mail links open (`/mail/…`) and the dev mailbox are server-rendered with a `<style>`
 * block, and a mail's own HTML styles its elements inline: styles may be inline there, scripts not.
 */
export const mailPagesCsp = serialise({ ...appDirectives, styleSrc: ["'self'", "'unsafe-inline'"] });

/** The API docs at `/docs` (swagger-ui): its scripts are files, but it styles and draws icons inline. */
export const apiDocsCsp = serialise({ ...appDirectives, styleSrc: ["'self'", "'unsafe-inline'"] });

const MAIL_PAGE = /^\/(mail|dev\/mail)(\/|\?|$)/;

/** Security headers on every answer (`@fastify/helmet`), with a strict CSP and `frame-ancestors 'none'`. */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: appDirectives },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (MAIL_PAGE.test(request.url)) reply.header('content-security-policy', mailPagesCsp);
    return payload;
  });
}
