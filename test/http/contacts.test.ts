import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp, type TestMember } from '../helpers/test-app.js';

/** POSTs a contact file as the raw body, as the web app does. */
async function upload(t: TestApp, as: TestMember | null, payload: string | Buffer | Readable, contentType = 'text/csv') {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/contacts/import',
    headers: { ...(as ? { authorization: `Bearer ${as.token}` } : {}), 'content-type': contentType },
    payload,
  });
  return { status: response.statusCode, body: JSON.parse(response.body) };
}

async function allContacts(t: TestApp, as: TestMember): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { items: any[]; nextCursor: string | null } } = await t.call('GET', `/api/v1/contacts?limit=2${cursor ? `&cursor=${cursor}` : ''}`, as);
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

const linkedInExport = (rows: string[]) =>
  [
    'Notes:',
    '"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed it."',
    '',
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On',
    ...rows,
    '',
  ].join('\r\n');

describe.each(backends)('contact import, list, invite and export on %s', (backend) => {
  let t: TestApp;
  /** A member whose address is proven: only such an address is matched to its account. */
  const member = async (name: string, extra?: Record<string, unknown>) => {
    const signedUp = await t.signUp(name, extra);
    expect((await t.verifyEmail(signedUp)).status).toBe(200);
    return signedUp;
  };
  let ann: TestMember, ben: TestMember, cat: TestMember, dan: TestMember;

  beforeAll(async () => {
    t = await createTestApp(backend, { monthlyLimit: 4 });
    [ann, ben, cat, dan] = (await Promise.all(['Ann Archer', 'Ben Brook', 'Cat Cole', 'Dan Dale'].map((name) => member(name)))) as [TestMember, TestMember, TestMember, TestMember];
    await t.connect(ann, ben); // ann — ben — cat: cat is 2nd degree to ann, with ben as the mutual connection
    await t.connect(ben, cat);
  });
  afterAll(() => t.close());

  it('reads a LinkedIn export (notes above the header), reports each refused row, matches members and sends nothing', async () => {
    const file = linkedInExport([
      `Cat,Cole,https://www.linkedin.com/in/cat,${cat.email.toUpperCase()},Acme,CTO,01 Jan 2024`,
      `Dan,Dale,https://www.linkedin.com/in/dan,${dan.email},Acme,CEO,02 Jan 2024`,
      'Eve,Eng,https://www.linkedin.com/in/eve,,Initech,Dev,03 Jan 2024',
      'Fay,Ford,https://www.linkedin.com/in/fay,fay(at)example.org,Initech,QA,04 Jan 2024',
      'Gus,Gray,https://www.linkedin.com/in/gus,gus@example.org,Initech,PM,05 Jan 2024',
      `Ann,Self,https://www.linkedin.com/in/ann,${ann.email},Initech,PM,05 Jan 2024`,
    ]);
    const imported = await upload(t, ann, file);
    expect(imported.status).toBe(201);
    expect(imported.body.report).toMatchObject({ format: 'linkedin', encoding: 'utf-8', rows: 6, imported: 3, duplicates: 0, rejected: 3, members: 2, problemsTruncated: false });
    expect(imported.body.report.problems).toEqual([
      { row: 7, outcome: 'rejected', reason: 'missing_email' },
      { row: 8, outcome: 'rejected', reason: 'invalid_email', value: 'fay(at)example.org' },
      { row: 10, outcome: 'rejected', reason: 'own_address', value: ann.email },
    ]);

    const contacts = await allContacts(t, ann);
    expect(contacts.map((c) => c.name).sort()).toEqual(['Cat Cole', 'Dan Dale', 'Gus Gray']);
    const byName = new Map(contacts.map((c) => [c.name, c]));
    expect(byName.get('Cat Cole').member).toMatchObject({ id: cat.id, name: 'Cat Cole', degree: 2, mutualConnections: 1 });
    expect(byName.get('Dan Dale').member).toMatchObject({ id: dan.id, degree: null, mutualConnections: 0 });
    expect(byName.get('Gus Gray')).toMatchObject({ email: 'gus@example.org', member: null, invitationPending: false });

    expect((await t.call('GET', '/api/v1/invitations/sent?status=pending', ann)).body.items).toEqual([]);
    expect((await t.call('GET', '/api/v1/_test/mail?to=gus@example.org', ann)).body.items ?? []).toEqual([]);
  });

  it('counts addresses already imported and addresses repeated in the file as duplicates', async () => {
    const again = await upload(t, ann, `Name,Email\nGus Gray,GUS@example.org\nGus again,gus@example.org\nHal,hal@example.org\nHal,hal@example.org\n`);
    expect(again.status).toBe(201);
    expect(again.body.report).toMatchObject({ format: 'generic', rows: 4, imported: 1, duplicates: 3, rejected: 0 });
    expect(again.body.report.problems.map((p: any) => [p.row, p.reason])).toEqual([
      [2, 'already_imported'],
      [3, 'repeated_in_file'],
      [5, 'repeated_in_file'],
    ]);
  });

  it('detects Google and Outlook exports, several addresses per contact, and vCard 3 and 4', async () => {
    const ivy = await member('Ivy Irwin');
    const google = await upload(
      t,
      ivy,
      'First Name,Middle Name,Last Name,Nickname,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value\n' +
        'Jon,Q,Jones,,* Home,jon@example.org ::: jon.q@example.org,Work,jon@work.example,Mobile,+1 555\n',
    );
    expect(google.body.report).toMatchObject({ format: 'google', imported: 3 });
    const outlook = await upload(t, ivy, 'First Name;Middle Name;Last Name;E-mail Address;E-mail 2 Address;E-mail 3 Address\r\nKim;;Kay;kim@example.org;;\r\n', 'application/vnd.ms-excel');
    expect(outlook.body.report).toMatchObject({ format: 'outlook', imported: 1 });
    const vcard = await upload(
      t,
      ivy,
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        'N:Lee;Lou;;;',
        'FN:Lou',
        '  Lee', // folded: "Lou Lee"
        'item1.EMAIL;TYPE=INTERNET,pref:lou@example.org',
        'END:VCARD',
        'BEGIN:VCARD',
        'VERSION:4.0',
        'N:Moss;Mia;;;',
        'EMAIL;TYPE=work:mia@example.org',
        'END:VCARD',
        '',
      ].join('\r\n'),
      'text/vcard',
    );
    expect(vcard.body.report).toMatchObject({ format: 'vcard', rows: 2, imported: 2 });
    const names = (await allContacts(t, ivy)).map((c) => `${c.name} <${c.email}>`).sort();
    expect(names).toEqual([
      'Jon Q Jones <jon.q@example.org>',
      'Jon Q Jones <jon@example.org>',
      'Jon Q Jones <jon@work.example>',
      'Kim Kay <kim@example.org>',
      'Lou Lee <lou@example.org>',
      'Mia Moss <mia@example.org>',
    ]);
  });

  it('refuses what is not a contact file, and refuses before reading anything without a session', async () => {
    const noHeader = await upload(t, ann, 'just,some\ncells,here\n');
    expect([noHeader.status, noHeader.body.code]).toEqual([422, 'import_unrecognized']);
    expect((await upload(t, ann, '')).body.code).toBe('import_unrecognized');
    const zip = await upload(t, ann, Buffer.from('PK\u0003\u0004 spreadsheet'), 'application/octet-stream');
    expect([zip.status, zip.body.code]).toEqual([415, 'unsupported_media_type']);
    const json = await t.call('POST', '/api/v1/contacts/import', ann, { email: 'x@example.org' });
    expect([json.status, json.body.code]).toEqual([415, 'unsupported_media_type']);
    const form = await upload(t, ann, '--x\r\n', 'multipart/form-data; boundary=x');
    expect([form.status, form.body.code]).toEqual([415, 'unsupported_media_type']);
    const anonymous = await upload(t, null, 'Name,Email\nA,a@example.org\n');
    expect([anonymous.status, anonymous.body.code]).toEqual([401, 'unauthorized']);
  });

  it('invites only the contacts picked, members by id and others by address, and reports each; the quota stops the batch', async () => {
    const zoe = await member('Zoe Zane');
    const yan = await member('Yan Yu');
    // Yan only accepts invitations from people who know the address; the contact proves it.
    expect((await t.call('PATCH', '/api/v1/me/settings', yan, { invitationsFrom: 'email_or_contacts' })).status).toBe(200);
    await upload(t, zoe, `Name,Email\nYan,${yan.email}\nOut,out1@example.org\nOut,out2@example.org\nOut,out3@example.org\nOut,out4@example.org\nNot picked,np@example.org\n`);
    const contacts = await allContacts(t, zoe);
    const id = (email: string) => contacts.find((c) => c.email === email).id as string;
    expect(contacts.every((c) => c.invitationPending === false)).toBe(true);

    const empty = await t.call('POST', '/api/v1/contacts/invite', zoe, { contactIds: [] });
    expect([empty.status, empty.body.code]).toEqual([422, 'validation_failed']);
    const tooLong = await t.call('POST', '/api/v1/contacts/invite', zoe, { contactIds: [id(yan.email)], note: 'x'.repeat(301) });
    expect([tooLong.status, tooLong.body.code]).toEqual([422, 'note_too_long']);

    const picked = [yan.email, 'out1@example.org', 'out2@example.org', 'out3@example.org', 'out4@example.org'].map(id);
    const answer = await t.call('POST', '/api/v1/contacts/invite', zoe, { contactIds: [...picked, '999999'], note: 'Good to see you at the conference.' });
    expect(answer.status).toBe(200);
    // monthlyLimit is 4: the 5th send is refused and stops the batch.
    expect(answer.body.results.map((r: any) => [r.outcome, r.code ?? null])).toEqual([
      ['sent', null],
      ['sent', null],
      ['sent', null],
      ['sent', null],
      ['refused', 'quota_exceeded'],
      ['not_attempted', 'quota_exceeded'],
    ]);
    expect(answer.body.summary).toEqual({ sent: 4, connected: 0, refused: 1, notAttempted: 1 });

    const received = await t.call('GET', '/api/v1/invitations/received', yan);
    expect(received.body.items).toHaveLength(1);
    expect(received.body.items[0]).toMatchObject({ sender: { id: zoe.id }, note: 'Good to see you at the conference.' });
    const sent = await t.call('GET', '/api/v1/invitations/sent', zoe);
    expect(sent.body.items).toHaveLength(4);
    const after = await allContacts(t, zoe);
    expect(after.filter((c) => c.invitationPending).map((c) => c.email).sort()).toEqual([yan.email, 'out1@example.org', 'out2@example.org', 'out3@example.org'].sort());
    expect(after.find((c) => c.email === 'np@example.org').invitationPending).toBe(false);
  });

  it('reports a refusal per contact and goes on, and connects at once when the contact had invited you', async () => {
    const uma = await member('Uma Ulm');
    const vic = await member('Vic Vale');
    const wes = await member('Wes West');
    await t.connect(uma, wes);
    const crossing = await t.call('POST', '/api/v1/invitations', vic, { recipientId: uma.id, email: uma.email });
    expect(crossing.status).toBe(201);
    await upload(t, uma, `Name,Email\nWes,${wes.email}\nVic,${vic.email}\n`);
    const contacts = await allContacts(t, uma);
    const id = (email: string) => contacts.find((c) => c.email === email).id as string;
    const answer = await t.call('POST', '/api/v1/contacts/invite', uma, { contactIds: [id(wes.email), id(vic.email)] });
    expect(answer.body.results).toMatchObject([
      { contactId: id(wes.email), outcome: 'refused', code: 'already_connected' },
      { contactId: id(vic.email), outcome: 'connected', invitationId: crossing.body.invitation.id },
    ]);
  });

  it('feeds the recipient side: a contacts_only member accepts an invitation from an imported address', async () => {
    const rex = await member('Rex Roe');
    const sid = await member('Sid Sun');
    await t.call('PATCH', '/api/v1/me/settings', rex, { invitationsFrom: 'contacts_only' });
    const refused = await t.call('POST', '/api/v1/invitations', sid, { recipientId: rex.id, email: rex.email });
    expect([refused.status, refused.body.code]).toEqual([403, 'recipient_not_accepting']);
    const canInvite = async () => (await t.call('GET', `/api/v1/members/${rex.id}`, sid)).body.relationship.canInvite;
    expect(await canInvite()).toMatchObject({ allowed: false, code: 'recipient_not_accepting' });
    expect((await upload(t, rex, `Name,Email\nSid,${sid.email.toUpperCase()}\n`)).status).toBe(201);
    expect(await canInvite()).toMatchObject({ allowed: true, code: 'not_eligible', requiresEmail: true });
    const sent = await t.call('POST', '/api/v1/invitations', sid, { recipientId: rex.id, email: rex.email });
    expect(sent.status).toBe(201);
  });

  it('deletes one contact or all, and never another member’s', async () => {
    const ola = await member('Ola Oak');
    await upload(t, ola, 'Name,Email\nP1,p1@example.org\nP2,p2@example.org\nP3,p3@example.org\n');
    const contacts = await allContacts(t, ola);
    expect(contacts).toHaveLength(3);
    expect((await t.call('DELETE', `/api/v1/contacts/${contacts[0].id}`, ann)).status).toBe(404);
    expect((await t.call('DELETE', `/api/v1/contacts/${contacts[0].id}`, ola)).status).toBe(204);
    expect((await t.call('DELETE', `/api/v1/contacts/${contacts[0].id}`, ola)).status).toBe(404);
    expect(await allContacts(t, ola)).toHaveLength(2);
    expect((await t.call('DELETE', '/api/v1/contacts', ola)).body).toEqual({ deleted: 2 });
    expect(await allContacts(t, ola)).toHaveLength(0);
    expect((await allContacts(t, ann)).length).toBeGreaterThan(0);
  });

  it('exports contacts and connections as CSV, quoting cells and neutralising formulas', async () => {
    const pia = await member('=HYPERLINK("http://evil")', { email: `pia.${Date.now()}@example.com` });
    await t.connect(pia, dan);
    await upload(t, pia, 'Name,Email\n"=1+2, ""quoted""",eq@example.org\n@SUM(A1),at@example.org\n+plus,plus@example.org\n-minus,minus@example.org\nPlain,plain@example.org\n');
    const contacts = await t.app.inject({ method: 'GET', url: '/api/v1/contacts/export.csv', headers: { authorization: `Bearer ${pia.token}` } });
    expect(contacts.statusCode).toBe(200);
    expect(contacts.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(contacts.headers['content-disposition']).toContain('attachment');
    const lines = contacts.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('"Name","Email","Added On"');
    const names = lines.slice(1, -1).map((line) => line.split('","')[0]);
    expect(names.sort()).toEqual(['"\'+plus', '"\'-minus', '"\'=1+2, ""quoted""', '"\'@SUM(A1)', '"Plain'].sort());
    expect(lines.at(-1)).toBe('');

    const connections = await t.app.inject({ method: 'GET', url: '/api/v1/connections/export.csv', headers: { authorization: `Bearer ${dan.token}` } });
    const rows = connections.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(rows[0]).toBe('"Name","Headline","Location","Profile","Connected On"');
    expect(rows[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/evil""\)","","",".*\/members\/\d+","\d{4}-/);
    expect(connections.body).not.toContain(pia.email);
  });
});
