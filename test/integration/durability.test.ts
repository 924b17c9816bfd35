import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postJson, startServer } from '../helpers/spawn-server.js';

describe('the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rapport-durable-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps acknowledged writes across a hard kill and a restart, and shuts down cleanly on SIGTERM', async () => {
    // The embedded database on purpose, even when the suite also runs against PostgreSQL.
    const first = await startServer({ RAPPORT_DATA_DIR: dataDir, DATABASE_URL: '' });
    const a = await postJson(`${first.url}/api/v1/auth/signup`, { email: 'durable@example.com', password: 'correct horse battery', name: 'Dora Durable' });
    const b = await postJson(`${first.url}/api/v1/auth/signup`, { email: 'other@example.com', password: 'correct horse battery', name: 'Otto Other' });
    expect([a.status, b.status]).toEqual([201, 201]);
    const sent = await postJson(`${first.url}/api/v1/invitations`, { recipientId: b.body.member.id, email: 'other@example.com', note: 'Survive this' }, a.body.token);
    expect(sent.status).toBe(201);
    await first.stop('SIGKILL');

    const second = await startServer({ RAPPORT_DATA_DIR: dataDir, DATABASE_URL: '' });
    const login = await postJson(`${second.url}/api/v1/auth/login`, { email: 'durable@example.com', password: 'correct horse battery' });
    expect(login.status).toBe(200);
    const received = await fetch(`${second.url}/api/v1/invitations/received`, { headers: { authorization: `Bearer ${b.body.token}` } });
    const list = (await received.json()) as { items: { note: string }[] };
    expect(list.items.map((item) => item.note)).toEqual(['Survive this']);
    expect(await second.stop('SIGTERM')).toBe(0);
    expect(second.output()).not.toMatch(/unhandled|Error:/);
  });
});
