import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startServer } from '../helpers/spawn-server.js';
import { createTemplateDatabase, databaseUrlFor, dropDatabase } from '../helpers/postgres.js';

/** Starting `rapport serve` the way operators do: each failure they can fix is one line and a non-zero exit. */
function rapport(args: string[], env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string; millis: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/rapport.mjs', ...args], { env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`rapport ${args.join(' ')} did not exit:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, millis: Date.now() - started });
    });
  });
}

const logLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { msg: string; attempt?: number; level: number });

describe('clean starts', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-clean-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  for (const command of ['serve', 'worker']) {
    it(`${command} waits for a PostgreSQL that is not up, one log line per attempt, then gives up with one line`, { timeout: 60_000 }, async () => {
      const result = await rapport([command], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/rapport', RAPPORT_DB_WAIT_SECONDS: '2', PORT: String(await freePort()) });
      expect(result.code).toBe(1);
      const attempts = logLines(result.stdout).filter((line) => line.msg.startsWith('waiting for PostgreSQL'));
      expect(attempts.length).toBeGreaterThanOrEqual(1);
      expect(attempts.map((line) => line.attempt)).toEqual(attempts.map((_, index) => index + 1));
      expect(attempts[0]!.msg).toContain('ECONNREFUSED');
      expect(result.millis).toBeGreaterThanOrEqual(2_000);
      const errorLines = result.stderr.trim().split('\n');
      expect(errorLines).toHaveLength(1);
      expect(errorLines[0]).toMatch(/^rapport: PostgreSQL at 127\.0\.0\.1:1\/rapport did not answer within 2 s .*RAPPORT_DB_WAIT_SECONDS$/);
      expect(result.stderr).not.toContain('    at ');
    });
  }

  it.skipIf(!process.env.DATABASE_URL)('serve waits for PostgreSQL to come up, then starts', { timeout: 120_000 }, async () => {
    const base = process.env.DATABASE_URL!;
    const name = await createTemplateDatabase(base);
    const real = new URL(base);
    const port = await freePort();
    // PostgreSQL "comes up" 6 s after serve starts (a process starting on a loaded machine takes a
    // few seconds before its first attempt): a relay to the real server opens on the port then.
    let relay: Server | null = null;
    const opening = setTimeout(() => {
      relay = createServer((socket) => {
        const upstream = connect(Number(real.port || 5432), real.hostname);
        socket.pipe(upstream).pipe(socket);
        socket.on('error', () => upstream.destroy());
        upstream.on('error', () => socket.destroy());
      }).listen(port, '127.0.0.1');
    }, 6_000);
    const url = new URL(databaseUrlFor(base, name));
    url.hostname = '127.0.0.1';
    url.port = String(port);
    try {
      const server = await startServer({ DATABASE_URL: url.toString(), LOG_LEVEL: 'info', RAPPORT_DB_WAIT_SECONDS: '30' });
      const attempts = logLines(server.output()).filter((line) => line.msg.startsWith('waiting for PostgreSQL'));
      expect(attempts.length).toBeGreaterThanOrEqual(2);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      expect(await server.stop()).toBe(0);
    } finally {
      clearTimeout(opening);
      (relay as Server | null)?.close();
      await dropDatabase(base, name);
    }
  });

  it('a port in use is one line naming the port and PORT', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
    try {
      const result = await rapport(['serve'], { RAPPORT_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', RAPPORT_GRAPH_INDEX: 'off' });
      expect(result.code).toBe(1);
      expect(result.stderr.trim().split('\n')).toEqual([`rapport: port ${port} on 127.0.0.1 is already in use: stop the process that holds it, or set PORT to a free port`]);
    } finally {
      holder.close();
    }
  });

  it('a second process on a data directory in use is refused with one line, and so is a backup of it', { timeout: 120_000 }, async () => {
    const shared = join(dataDir, 'in-use');
    const server = await startServer({ RAPPORT_DATA_DIR: shared, DATABASE_URL: '', RAPPORT_GRAPH_INDEX: 'off' });
    try {
      const pid = server.process.pid;
      const second = await rapport(['serve'], { RAPPORT_DATA_DIR: shared, PORT: String(await freePort()) });
      expect(second.code).toBe(1);
      expect(second.stderr.trim().split('\n')).toEqual([`rapport: the embedded database in ${shared} is open in process ${pid} (rapport serve or another command): stop it first, or use another RAPPORT_DATA_DIR`]);
      const backup = await rapport(['backup', '--out', join(dataDir, 'in-use.tar.gz')], { RAPPORT_DATA_DIR: shared });
      expect(backup.code).toBe(1);
      expect(backup.stderr).toContain(`is open in process ${pid}`);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    // Stopped cleanly, the directory is free again.
    const backup = await rapport(['backup', '--out', join(dataDir, 'in-use.tar.gz')], { RAPPORT_DATA_DIR: shared });
    expect(backup.code, backup.stderr).toBe(0);
  });

  it('a bad policy is one line and exit code 2', { timeout: 60_000 }, async () => {
    const result = await rapport(['serve'], { RAPPORT_DATA_DIR: dataDir, RAPPORT_POLICY: '{"weeklyInvitationQuota": "many"}' });
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^rapport: .*weeklyInvitationQuota/);
  });

  it('a bad setting is one line and exit code 2', { timeout: 60_000 }, async () => {
    const result = await rapport(['worker'], { RAPPORT_DATA_DIR: dataDir, RAPPORT_DB_WAIT_SECONDS: 'later' });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual(['rapport: RAPPORT_DB_WAIT_SECONDS must be a number of seconds from 0 to 86400, got "later"']);
  });
});
