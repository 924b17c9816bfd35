// Shared machinery for the end-to-end suites: a real server process on a free port with a fresh
// data directory, a real Chromium driven by playwright-core, and API shortcuts for setup.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { freePort } from '../helpers/spawn-server.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM_PATH);
export const ADMIN_EMAIL = 'admin@example.com';
export const PASSWORD = 'correct horse battery staple';

export function reportSkip(suite: string): void {
  if (!hasChromium) console.warn(`[e2e] ${suite}: skipped because ${CHROMIUM_PATH} does not exist (apt-get install chromium).`);
}

/** Builds web/dist when it is missing or older than web/ (the build script decides). */
export function ensureWebBuilt(): void {
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/build-web.mjs'), '--quiet'], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`web build failed:\n${result.stdout}\n${result.stderr}`);
  if (!existsSync(join(repoRoot, 'web/dist/index.html'))) throw new Error('web/dist/index.html is missing after the build (is vite installed?)');
}


export interface RunningServer {
  baseUrl: string;
  api: Api;
  stop: () => Promise<void>;
  startupMs: number;
}

/**
 * Fills a fresh data directory with the migrated embedded database the global setup dumped once
 * per run (test/helpers/global-setup.ts), so the server skips initdb and the migrations: that
 * takes a server start from ~40 s to ~12 s. Without the dump (or `tar`), the server starts empty.
 */
function seedDataDir(dir: string): boolean {
  let template: string | undefined;
  try {
    template = inject('pgliteTemplate');
  } catch {
    return false;
  }
  if (!template || !existsSync(template)) return false;
  const result = spawnSync('tar', ['-xf', template, '-C', dir], { encoding: 'utf8' });
  if (result.status === 0) return true;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return false;
}

/** Starts `rapport serve` on a fresh embedded database and waits for /healthz. */
export async function startServer(options: { policy?: Record<string, unknown>; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-e2e-'));
  mkdirSync(join(dataDir, 'db'), { recursive: true });
  const started = Date.now();
  seedDataDir(join(dataDir, 'db'));
  const child: ChildProcess = spawn(process.execPath, [join(repoRoot, 'bin/rapport.mjs'), 'serve'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      // Each e2e server has its own embedded database, even when CI points the suite at PostgreSQL.
      DATABASE_URL: '',
      NODE_ENV: 'test',
      RAPPORT_DATA_DIR: join(dataDir, 'db'),
      PORT: String(port),
      HOST: '127.0.0.1',
      RAPPORT_TEST_CLOCK: '1',
      RAPPORT_ADMIN_EMAILS: ADMIN_EMAIL,
      // The browser signs up many members from 127.0.0.1: the per-address sign-up limit is lifted.
      RAPPORT_POLICY: JSON.stringify({ signUpThrottle: { windowMinutes: 60, perAccount: 5, perAddress: 1_000_000, perAddressMax: 1_000_000 }, ...options.policy }),
      // The settings screens and the account test read mail from the dev mailbox: switched on explicitly.
      RAPPORT_DEV_MAILBOX: '1',
      // The webhook receivers of the e2e tests listen on 127.0.0.1: private targets allowed.
      RAPPORT_WEBHOOK_PRIVATE_TARGETS: 'on',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    }
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`server did not become ready in 90 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const startupMs = Date.now() - started;

  return {
    baseUrl,
    api: new Api(baseUrl),
    startupMs,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ApiMember {
  id: string;
  name: string;
  email: string;
  token: string;
}

/** Calls the API with bearer tokens, for setup that is not what a test is about. */
export class Api {
  private counter = 0;
  constructor(readonly baseUrl: string) {}

  async call<T = unknown>(token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async ok<T = unknown>(token: string | null, method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.call<T>(token, method, path, body);
    if (answer.status >= 300) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /**
   * A member, signed up through the API. Their address is proven from the verification mail, as a
   * member of a lived-in network has done (`verified: false` leaves it unproven); only a proven
   * address makes admin rights, contact matches and invitations by address count.
   */
  async signUp(name: string, options: { email?: string; headline?: string; verified?: boolean } = {}): Promise<ApiMember> {
    const email = options.email ?? `${name.toLowerCase().replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '')}.${Date.now()}.${++this.counter}@example.com`;
    const answer = await this.ok<{ member: { id: string }; token: string }>(null, 'POST', '/auth/signup', {
      email,
      password: PASSWORD,
      name,
      ...(options.headline ? { headline: options.headline } : {}),
    });
    const member = { id: answer.member.id, name, email, token: answer.token };
    if (options.verified !== false) await this.verifyFromDevMailbox(member);
    return member;
  }

  /** Proves a member's address with the link of the verification mail in the dev mailbox (no SMTP_URL). */
  async verifyFromDevMailbox(member: ApiMember): Promise<void> {
    const list = await (await fetch(`${this.baseUrl}/dev/mail`)).text();
    const ids = [...list.matchAll(/<a href="\/dev\/mail\/(\d+)">[^<]*<\/a> — to ([^ ]+) /g)].filter((m) => m[2] === member.email).map((m) => m[1]!);
    for (const id of ids) {
      const html = await (await fetch(`${this.baseUrl}/dev/mail/${id}`)).text();
      const token = /\/verify-email\?token=([A-Za-z0-9._~-]+)/.exec(html)?.[1];
      if (token) {
        await this.ok(member.token, 'POST', '/auth/verify-email', { token });
        return;
      }
    }
    throw new Error(`no verification mail to ${member.email} in the dev mailbox`);
  }

  async connect(a: ApiMember, b: ApiMember): Promise<void> {
    const id = await this.invite(a, b);
    await this.ok(b.token, 'POST', `/invitations/${id}/accept`);
  }

  /** Sends an invitation (with the recipient's email, so eligibility never gets in the way), solving a challenge when asked. */
  async invite(from: ApiMember, to: ApiMember, extra: Record<string, unknown> = {}): Promise<string> {
    const body = { recipientId: to.id, email: to.email, ...extra };
    const first = await this.call<{ invitation: { id: string }; code?: string; challenge?: AltchaChallenge }>(from.token, 'POST', '/invitations', body);
    if (first.status === 428 && first.body.challenge) {
      const captcha = solveAltchaInNode(first.body.challenge);
      return (await this.ok<{ invitation: { id: string } }>(from.token, 'POST', '/invitations', { ...body, captcha })).invitation.id;
    }
    if (first.status >= 300) throw new Error(`POST /invitations answered ${first.status}: ${JSON.stringify(first.body)}`);
    return first.body.invitation.id;
  }
}

interface AltchaChallenge {
  algorithm: string;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

/** The same proof of work the web app does in the browser, for API-driven setup. */
function solveAltchaInNode(challenge: AltchaChallenge): string {
  for (let number = 0; number <= challenge.maxnumber; number++) {
    if (createHash('sha256').update(challenge.salt + number).digest('hex') === challenge.challenge) {
      const { algorithm, salt, signature } = challenge;
      return Buffer.from(JSON.stringify({ algorithm, challenge: challenge.challenge, number, salt, signature })).toString('base64');
    }
  }
  throw new Error('challenge has no solution');
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function newContext(browser: Browser, baseUrl: string, width = 1280): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width, height: 900 } });
  context.setDefaultTimeout(15_000);
  return context;
}

/**
 * Signs up through the form, skips the first-run profile step, and ends on the invitations page.
 * `stayOnProfileStep` stops at that step instead.
 */
export async function signUpInBrowser(
  context: BrowserContext,
  name: string,
  email: string,
  headline?: string,
  options: { stayOnProfileStep?: boolean } = {},
): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/signup');
  await page.getByLabel('Full name').fill(name);
  if (headline) await page.getByLabel('Headline (optional)').fill(headline);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.getByRole('heading', { name: 'Complete your profile', level: 1 }).waitFor();
  if (options.stayOnProfileStep) return page;
  await page.getByRole('button', { name: 'Skip for now' }).click();
  await page.getByRole('heading', { name: 'My Network', level: 1 }).waitFor();
  return page;
}

export async function logInInBrowser(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { name: 'My Network', level: 1 }).waitFor();
  return page;
}

/** Member id of the signed-in member of a browser page. */
export async function myId(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const response = await fetch('/api/v1/me');
    const body = (await response.json()) as { member: { id: string } };
    return body.member.id;
  });
}
