import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseUrlFor, dropDatabase } from '../helpers/postgres.js';
import { postJson, startServer, type RunningServer } from '../helpers/spawn-server.js';

const run = promisify(execFile);
const base = process.env.DATABASE_URL;

async function rapport(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['bin/rapport.mjs', ...args], { env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function get(server: RunningServer, path: string, token: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

/** What a member sees of the network: lists, profiles with their degree, mutual connections, standing. */
async function answers(server: RunningServer, token: string, ids: string[]): Promise<Record<string, unknown>> {
  const paths = [
    '/api/v1/me',
    '/api/v1/connections',
    '/api/v1/invitations/sent',
    '/api/v1/invitations/received?status=pending',
    '/api/v1/me/standing',
    '/api/v1/members?q=a',
    '/api/v1/suggestions',
    ...ids.flatMap((id) => [`/api/v1/members/${id}`, `/api/v1/members/${id}/mutual-connections`]),
  ];
  const seen: Record<string, unknown> = {};
  for (const path of paths) seen[path] = await get(server, path, token);
  return seen;
}

const login = async (server: RunningServer, email: string) => {
  const answer = await postJson(`${server.url}/api/v1/auth/login`, { email, password: 'rapport-demo' });
  if (answer.status !== 200) throw new Error(`login ${email}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.token as string;
};

/**
 * The way out of the embedded database, as an operator takes it: seed a community on PGlite, use it,
 * back it up, restore the backup elsewhere, move it to a fresh PostgreSQL database, serve from there
 * — and every answer is the one members got before.
 */
describe.skipIf(!base)('backup, restore and the move to PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rapport-move-'));
  const name = `rapport_move_${randomBytes(4).toString('hex')}`;
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
    rmSync(dir, { recursive: true, force: true });
    if (base) await dropDatabase(base, name);
  });
  const serve = async (env: Record<string, string>) => {
    const server = await startServer({ DATABASE_URL: '', ...env });
    servers.push(server);
    return server;
  };

  it('gives the same answers on PostgreSQL as on the embedded database it came from', { timeout: 300_000 }, async () => {
    const original = join(dir, 'original');
    const restored = join(dir, 'restored');
    const backup = join(dir, 'rapport.tar.gz');
    expect((await rapport({ RAPPORT_DATA_DIR: original }, 'seed', '--members', '60')).code).toBe(0);

    // A little life on top of the seeded graph: a pending invitation each way, one accepted.
    let server = await serve({ RAPPORT_DATA_DIR: original });
    const demo = await login(server, 'demo@rapport.local');
    const me = ((await get(server, '/api/v1/me', demo)).body as { member: { id: string } }).member;
    const search = (await get(server, '/api/v1/members?q=a', demo)).body as { items: { id: string }[] };
    const suggested = (await get(server, '/api/v1/suggestions', demo)).body as { items: { member?: { id: string }; id?: string }[] };
    const suggestedIds = suggested.items.map((item) => item.member?.id ?? item.id!);
    const strangers = [...suggestedIds.slice(0, 2), ...search.items.map((member) => member.id).filter((id) => id !== me.id).slice(0, 3)];
    const sent = await postJson(`${server.url}/api/v1/invitations`, { recipientId: strangers[0], note: 'Good to meet you at the meetup.' }, demo);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    let asked = 0;
    for (let i = 11; i < 60 && asked < 3; i++) {
      const answer = await postJson(`${server.url}/api/v1/invitations`, { recipientId: me.id, note: 'Shall we connect?' }, await login(server, `member${i}@demo.rapport.local`));
      if (answer.status === 201) asked++;
    }
    expect(asked).toBe(3);
    const received = (await get(server, '/api/v1/invitations/received?status=pending', demo)).body as { items: { id: string }[] };
    expect(received.items.length).toBeGreaterThan(0);
    expect((await postJson(`${server.url}/api/v1/invitations/${received.items[0]!.id}/accept`, {}, demo)).status).toBe(200);
    const before = await answers(server, demo, strangers);
    expect(Object.values(before).every((answer) => (answer as { status: number }).status === 200), JSON.stringify(before).slice(0, 2000)).toBe(true);
    expect(JSON.stringify(before['/api/v1/invitations/sent'])).toContain('Good to meet you at the meetup.');
    expect(JSON.stringify(before[`/api/v1/members/${strangers[0]}`])).toContain('"degree"');
    await server.stop();

    const backedUp = await rapport({ RAPPORT_DATA_DIR: original }, 'backup', '--out', backup);
    expect(backedUp.code, backedUp.stderr).toBe(0);
    expect(backedUp.stdout).toMatch(/^wrote .*rapport\.tar\.gz: [\d.]+ MB, 60 members and \d+ connections, in [\d.]+ s\n$/);

    expect((await rapport({ RAPPORT_DATA_DIR: original }, 'restore', backup)).stderr).toContain('is not empty: restore into a new RAPPORT_DATA_DIR, or add --force');
    const restoring = await rapport({ RAPPORT_DATA_DIR: restored }, 'restore', backup);
    expect(restoring.code, restoring.stderr).toBe(0);
    expect(restoring.stdout).toMatch(/^restored 60 members and \d+ connections into /);

    server = await serve({ RAPPORT_DATA_DIR: restored });
    expect(await answers(server, demo, strangers)).toEqual(before);
    await server.stop();

    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const target = databaseUrlFor(base!, name);
    const moved = await rapport({ RAPPORT_DATA_DIR: restored }, 'move-to-postgres', target);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stderr).toMatch(/rows: [\d,]+\/[\d,]+ \(100\.0%\)/);
    expect(moved.stdout).toMatch(/every table has the same row count/);
    expect(moved.stdout).not.toContain('DIFFERENT');

    // A second move into the now filled database is refused with one line.
    const again = await rapport({ RAPPORT_DATA_DIR: restored }, 'move-to-postgres', target);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe('rapport: the target database already has members: move into a new, empty database (createdb)');

    server = await serve({ DATABASE_URL: target, RAPPORT_DATA_DIR: join(dir, 'unused') });
    expect(await answers(server, demo, strangers)).toEqual(before);
    // Signing in again works, and new rows get fresh ids after the copied ones.
    const again2 = await login(server, 'demo@rapport.local');
    const invited = await postJson(`${server.url}/api/v1/invitations`, { recipientId: strangers[1] }, again2);
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    expect(existsSync(join(dir, 'unused'))).toBe(false);
  });
});
