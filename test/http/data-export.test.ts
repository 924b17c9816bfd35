import { unzipSync, strFromU8 } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORTED_MEMBER_COLUMNS, NOT_EXPORTED_MEMBER_COLUMNS } from '../../src/use-cases/data-export-coverage.js';
import { browserSession } from '../helpers/browser-session.js';
import { pngImage } from '../helpers/photo-files.js';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

describe.each(backends)('download your data on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend, { eligibility: 'anyone' });
  });
  afterAll(() => t.close());

  const runDue = () => t.call('POST', '/api/v1/_test/run-due');
  const status = (member: TestMember) => t.call('GET', '/api/v1/me/export', member);
  const download = async (member: TestMember, url: string) => {
    const response = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${member.token}` } });
    return { status: response.statusCode, bytes: response.rawPayload, headers: response.headers, problem: response.statusCode >= 400 ? response.json() : null };
  };
  const readyArchive = async (member: TestMember) => {
    expect((await t.call('POST', '/api/v1/me/export', member)).status).toBe(202);
    await runDue();
    const ready = (await status(member)).body.export;
    expect(ready.status).toBe('ready');
    return ready as { id: string; downloadUrl: string; expiresAt: string; rowsWritten: number; rowsTotal: number };
  };

  it('builds the archive off the request path, tells the member, and holds each file with the member\'s rows', async () => {
    const ada = await t.signUp('Ada Archive');
    const bob = await t.signUp('Bob Friend');
    const cy = await t.signUp('Cy Ignorer');
    const dee = await t.signUp('Dee Sender');
    const eve = await t.signUp('Eve Spammer');
    await t.connect(ada, bob);
    expect((await t.call('PATCH', '/api/v1/me', ada, { headline: 'Engineer at Analytical' })).status).toBe(200);
    expect((await t.call('POST', '/api/v1/me/positions', ada, { company: 'Analytical Engines', title: 'Programmer', startYear: 1980 })).status).toBe(201);
    // An invitation Cy ignores: Ada, its sender, must keep reading it as pending.
    const toCy = await t.call('POST', '/api/v1/invitations', ada, { recipientId: cy.id, note: 'We met at the engine demo' });
    expect(toCy.status).toBe(201);
    expect((await t.call('POST', '/api/v1/invitations/received/bulk', cy, { action: 'ignore', ids: [toCy.body.invitation.id] })).status).toBe(200);
    const fromDee = await t.call('POST', '/api/v1/invitations', dee, { recipientId: ada.id, note: 'Hello from Dee' });
    expect((await t.call('POST', `/api/v1/invitations/${fromDee.body.invitation.id}/reply`, ada, { message: 'Where did we meet?' })).status).toBe(201);
    expect((await t.call('POST', '/api/v1/messages', ada, { recipientId: bob.id, body: 'Lunch on Friday?' })).status).toBe(201);
    expect((await t.call('POST', '/api/v1/follows', ada, { memberId: dee.id })).status).toBeLessThan(300);
    expect((await t.call('POST', `/api/v1/members/${eve.id}/report`, ada, { reason: 'spam', block: true })).status).toBe(201);
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts/import',
      headers: { authorization: `Bearer ${ada.token}`, 'content-type': 'text/csv' },
      payload: 'Name,Email\n"=cmd|\' /C calc\'!A0",calc@example.org\nGrace Hopper,grace@example.org\n',
    });
    expect(imported.statusCode, imported.body).toBe(201);
    const photo = await t.app.inject({ method: 'PUT', url: '/api/v1/me/photo', headers: { authorization: `Bearer ${ada.token}`, 'content-type': 'image/png' }, payload: await pngImage() });
    expect(photo.statusCode, photo.body).toBe(200);

    await runDue(); // the invitations' notifications exist before the archive is asked for
    // The browser's session (cookie + CSRF) asks; the answer is 202 and nothing is built yet.
    const browser = await browserSession(t, ada);
    const asked = await browser('POST', '/api/v1/me/export');
    expect(asked.status).toBe(202);
    expect(asked.body.export).toMatchObject({ status: 'queued', downloadUrl: null, percent: 0 });
    // One archive at a time: asking again answers the same one.
    const again = await t.call('POST', '/api/v1/me/export', ada);
    expect(again.status).toBe(202);
    expect(again.body.export.id).toBe(asked.body.export.id);
    expect((await browser('GET', '/api/v1/me/export')).body.export).toMatchObject({ id: asked.body.export.id, status: 'queued' });

    await runDue();
    const view = await status(ada);
    const ready = view.body.export;
    expect(ready).toMatchObject({ id: asked.body.export.id, status: 'ready', percent: 100 });
    expect(ready.rowsTotal).toBeGreaterThan(5);
    expect(ready.rowsWritten).toBe(ready.rowsTotal);
    expect(Date.parse(ready.expiresAt) - Date.parse(ready.readyAt)).toBe(48 * 3600 * 1000);
    expect(ready.downloadUrl).toMatch(new RegExp(`^/api/v1/me/export/${ready.id}/download\\?token=`));

    // Told by a notification and a mail (no link in the mail: it leads to the settings screen).
    const notes = (await t.call('GET', '/api/v1/notifications', ada)).body.items.filter((n: { kind: string }) => n.kind === 'data_export_ready');
    expect(notes.map((n: { payload: unknown }) => n.payload)).toEqual([{ exportId: ready.id, expiresAt: ready.expiresAt }]);
    const mails = (await t.call('GET', `/api/v1/_test/mail?to=${encodeURIComponent(ada.email)}`)).body.items.filter((m: { template: string }) => m.template === 'data_export_ready');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Your data is ready to download');
    expect(mails[0].text).toContain('/settings#your-data');
    expect(mails[0].text).not.toContain('/download?token=');

    const got = await download(ada, ready.downloadUrl);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(got.bytes));
    const text = (name: string) => strFromU8(files[name]!);
    const json = (name: string) => JSON.parse(text(name));
    expect(Object.keys(files).sort()).toEqual([...view.body.files.map((f: { name: string }) => f.name), 'README.txt'].sort());
    for (const f of view.body.files as { name: string; about: string }[]) expect(text('README.txt')).toContain(`${f.name}`);

    const profile = json('profile.json');
    expect(profile).toMatchObject({ id: ada.id, email: ada.email, name: 'Ada Archive', headline: 'Engineer at Analytical' });
    expect(profile.positions).toEqual([expect.objectContaining({ company: 'Analytical Engines', title: 'Programmer' })]);
    expect(json('connections.json').map((c: { name: string }) => c.name)).toEqual(['Bob Friend']);
    expect(text('connections.csv')).toContain('"Bob Friend"');
    const invitations = json('invitations.json');
    const sent = invitations.find((i: { id: string }) => i.id === toCy.body.invitation.id);
    const stored = await t.service.ctx.db.selectFrom('invitations').select('status').where('id', '=', Number(toCy.body.invitation.id)).executeTakeFirstOrThrow();
    expect(stored.status).toBe('ignored'); // what the archive must not tell its sender
    expect(sent).toMatchObject({ recipient: { id: cy.id, name: 'Cy Ignorer' }, note: 'We met at the engine demo', status: 'pending', respondedAt: null });
    const received = invitations.find((i: { id: string }) => i.id === fromDee.body.invitation.id);
    expect(received).toMatchObject({ sender: { id: dee.id, name: 'Dee Sender' }, note: 'Hello from Dee', recipientEmail: null });
    expect(received.replies).toEqual([expect.objectContaining({ authorId: ada.id, body: 'Where did we meet?' })]);
    expect(json('messages.json')).toEqual([expect.objectContaining({ from: { id: ada.id, name: 'Ada Archive' }, to: { id: bob.id, name: 'Bob Friend' }, body: 'Lunch on Friday?' })]);
    expect(json('follows.json').following.map((f: { name: string }) => f.name)).toEqual(['Dee Sender']);
    expect(json('blocks.json').blocked.map((b: { name: string }) => b.name)).toEqual(['Eve Spammer']);
    expect(json('reports-filed.json').members).toEqual([expect.objectContaining({ member: { memberId: eve.id, name: 'Eve Spammer' }, reason: 'spam' })]);
    expect(json('contacts.json').map((c: { email: string }) => c.email).sort()).toEqual(['calc@example.org', 'grace@example.org']);
    expect(json('notifications.json').some((n: { kind: string }) => n.kind === 'invitation_received')).toBe(true);
    expect(json('standing.json')).toMatchObject({ standing: expect.any(Object), invitationLimits: expect.any(Object) });
    expect(json('sessions.json').map((s: { kind: string }) => s.kind)).toContain('session');
    expect(files['photo.webp']!.length).toBeGreaterThan(100);
    expect(strFromU8(files['photo.webp']!.subarray(8, 12))).toBe('WEBP');

    // The CSV neutralises a formula cell, as the contacts export does.
    expect(text('contacts.csv')).toContain(`"'=cmd|' /C calc'!A0","calc@example.org"`);
    expect(text('contacts.csv')).not.toMatch(/(^|,)"=cmd/m);

    // Never a secret, never another member's address or hidden state.
    const everything = Object.entries(files).filter(([name]) => !name.endsWith('.webp')).map(([, bytes]) => strFromU8(bytes)).join('\n');
    expect(everything).not.toMatch(/\$argon2|password_?hash|token_?hash|csrf/i);
    // Other members' addresses: only one the member typed themselves (an invitation sent by address, as the sent list shows it).
    const beyondTyped = Object.entries(files).filter(([name]) => !name.endsWith('.webp') && name !== 'invitations.json').map(([, bytes]) => strFromU8(bytes)).join('\n');
    for (const other of [bob, cy, dee, eve]) expect(beyondTyped).not.toContain(other.email);
    for (const other of [cy, dee, eve]) expect(text('invitations.json')).not.toContain(other.email);
    expect(everything).not.toMatch(/"ignored"|ignoredAt|ignored_at/);
    expect(everything).not.toContain(ada.token);

    // Single use: the archive is gone after its download.
    const second = await download(ada, ready.downloadUrl);
    expect(second.status).toBe(410);
    expect(second.problem).toMatchObject({ code: 'export_link_invalid', reason: 'used' });
    expect((await status(ada)).body.export).toMatchObject({ id: ready.id, status: 'downloaded', downloadUrl: null });
    const chunks = await t.service.ctx.db.selectFrom('data_export_chunks').select('seq').where('export_id', '=', Number(ready.id)).execute();
    expect(chunks).toEqual([]);
  });

  it('the link is refused to another member, and expires (the archive is then deleted)', async () => {
    const owner = await t.signUp('Olive Owner');
    const other = await t.signUp('Oscar Other');
    const ready = await readyArchive(owner);

    const stolen = await download(other, ready.downloadUrl);
    expect(stolen.status).toBe(403);
    expect(stolen.problem.code).toBe('forbidden');
    const tampered = await download(owner, ready.downloadUrl.replace(/token=.{6}/, 'token=AAAAAA'));
    expect(tampered.status).toBe(410);
    expect(tampered.problem).toMatchObject({ code: 'export_link_invalid', reason: 'invalid' });

    await t.advanceDays(3); // past exportLinkHours (48)
    expect((await status(owner)).body.export).toMatchObject({ status: 'expired', downloadUrl: null });
    const late = await download(owner, ready.downloadUrl);
    expect(late.status).toBe(410);
    expect(late.problem).toMatchObject({ code: 'export_link_invalid', reason: 'expired' });
    const due = await runDue();
    expect(due.body.ran.exportsDeleted).toBeGreaterThanOrEqual(1);
    const row = await t.service.ctx.db.selectFrom('data_exports').select('status').where('id', '=', Number(ready.id)).executeTakeFirstOrThrow();
    expect(row.status).toBe('expired');
    expect(await t.service.ctx.db.selectFrom('data_export_chunks').select('seq').where('export_id', '=', Number(ready.id)).execute()).toEqual([]);

    // A new archive can be asked for once the old one is gone.
    const next = await t.call('POST', '/api/v1/me/export', owner);
    expect(next.status).toBe(202);
    expect(next.body.export.id).not.toBe(ready.id);
  });

  it('a member who never asked has no archive; signed out, nothing is answered; two requests at once make one archive', async () => {
    const member = await t.signUp('Nora Never');
    expect((await status(member)).body).toMatchObject({ export: null, files: expect.arrayContaining([expect.objectContaining({ name: 'profile.json' })]) });
    expect((await t.call('POST', '/api/v1/me/export', null)).status).toBe(401);
    // Two requests at once still make one archive (a partial unique index decides the race).
    const both = await Promise.all([t.call('POST', '/api/v1/me/export', member), t.call('POST', '/api/v1/me/export', member)]);
    expect(both.map((answer) => answer.status)).toEqual([202, 202]);
    expect(both[0]!.body.export.id).toBe(both[1]!.body.export.id);
    const rows = await t.service.ctx.db.selectFrom('data_exports').select('id').where('member_id', '=', Number(member.id)).execute();
    expect(rows).toHaveLength(1);
    expect((await t.call('GET', '/api/v1/me/export', null)).status).toBe(401);
  });

  it('every column that names a member is exported or listed with the reason it is not', async () => {
    const namePattern = ['sender_id', 'recipient_id', 'owner_id', 'blocker_id', 'blocked_id', 'reporter_id', 'author_id', 'other_id', 'follower_id', 'followee_id', 'requester_id', 'introducer_id', 'target_id', 'actor_id', 'dismissed_id', 'decided_by', 'granted_by', 'created_by', 'manager_id'];
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      select c.table_name, c.column_name from information_schema.columns c
       where c.table_schema = current_schema()
         and (c.column_name like '%member_id' or c.column_name in (${sql.join(namePattern)}))
      union
      select kcu.table_name, kcu.column_name
        from information_schema.table_constraints tc
        join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
        join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
       where tc.constraint_type = 'FOREIGN KEY' and ccu.table_name = 'members' and tc.table_schema = current_schema()`.execute(t.service.ctx.db);
    const columns = [...new Set(rows.map((r) => `${r.table_name}.${r.column_name}`))].sort();
    expect(columns.length).toBeGreaterThan(30);
    const unaccounted = columns.filter((c) => !(c in EXPORTED_MEMBER_COLUMNS) && !(c in NOT_EXPORTED_MEMBER_COLUMNS));
    expect(unaccounted, 'columns naming a member that are neither exported (EXPORTED_MEMBER_COLUMNS) nor explained (NOT_EXPORTED_MEMBER_COLUMNS) in src/use-cases/data-export-coverage.ts').toEqual([]);
    // And the lists name only columns that exist, in one list or the other.
    for (const listed of [...Object.keys(EXPORTED_MEMBER_COLUMNS), ...Object.keys(NOT_EXPORTED_MEMBER_COLUMNS)]) expect(columns).toContain(listed);
    expect(Object.keys(EXPORTED_MEMBER_COLUMNS).filter((c) => c in NOT_EXPORTED_MEMBER_COLUMNS)).toEqual([]);
  });
});
