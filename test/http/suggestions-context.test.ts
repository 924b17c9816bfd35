import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, createTestApp, type TestApp } from '../helpers/test-app.js';

const names = (body: any) => body.items.map((item: any) => item.member.name);

/** People you may know beyond friends of friends: colleagues, classmates, group members, imported contacts. */
describe.each(backends)('suggestions from shared context on %s', (backend) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(() => t.close());

  it('suggests imported contacts and colleagues who are no friend of a friend, ranked by the policy weights', async () => {
    const ada = await t.signUp('Ada Viewer');
    const [bob, cy, dee, eli, fox] = await Promise.all(['Bob Friend', 'Cy Colleague', 'Dee Contact', 'Eli Classmate', 'Fox Fof'].map((name) => t.signUp(name)));
    await t.connect(ada, bob!);
    await t.connect(bob!, fox!); // Fox: one mutual connection
    await t.call('POST', '/api/v1/me/positions', ada, { company: 'Initech', title: 'Engineer', startYear: 2015 });
    await t.call('POST', '/api/v1/me/positions', cy, { company: 'INITECH', title: 'Analyst', startYear: 2018 });
    await t.call('POST', '/api/v1/me/education', ada, { school: 'Leiden University' });
    await t.call('POST', '/api/v1/me/education', eli, { school: 'Leiden University' });
    const imported = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts/import',
      headers: { authorization: `Bearer ${ada.token}`, 'content-type': 'text/csv' },
      payload: `Name,Email\nDee,${dee!.email.toUpperCase()}\nNobody,nobody@example.net\n`,
    });
    expect(imported.statusCode).toBe(201);
    // An imported address counts once its account proved it: before that, Dee is nobody's contact.
    expect(names((await t.call('GET', '/api/v1/suggestions', ada)).body)).not.toContain('Dee Contact');
    expect((await t.verifyEmail(dee!)).status).toBe(200);

    const answer = await t.call('GET', '/api/v1/suggestions', ada);
    expect(answer.status).toBe(200);
    // contact 10, company 4, school 3, one mutual connection 1
    expect(names(answer.body)).toEqual(['Dee Contact', 'Cy Colleague', 'Eli Classmate', 'Fox Fof']);
    expect(answer.body.items.map((item: any) => [item.degree, item.mutualConnections, item.reasons])).toEqual([
      [null, 0, ['In your contacts']],
      [null, 0, ['Also worked at INITECH']],
      [null, 0, ['Also studied at Leiden University']],
      [2, 1, ['1 mutual connection']],
    ]);

    // A block, a dismissal and a pending invitation take them out, as for friends of friends.
    expect((await t.call('POST', '/api/v1/blocks', dee, { memberId: ada.id })).status).toBe(204);
    expect((await t.call('POST', `/api/v1/suggestions/${cy!.id}/dismiss`, ada)).status).toBe(204);
    expect((await t.call('POST', '/api/v1/invitations', ada, { recipientId: eli!.id, email: eli!.email })).status).toBe(201);
    expect(names((await t.call('GET', '/api/v1/suggestions', ada)).body)).toEqual(['Fox Fof']);
  });

  it('follows the weights in force: with contacts weighing nothing, mutual connections lead', async () => {
    const other = await createTestApp(backend, {
      suggestionWeights: { mutualConnection: 1, sharedCompany: 0, sharedSchool: 0, sharedGroup: 0, importedContact: 0 },
    });
    try {
      const ann = await other.signUp('Ann Viewer');
      const [ben, gil, hal] = await Promise.all(['Ben Friend', 'Gil Group', 'Hal Fof'].map((name) => other.signUp(name)));
      await other.connect(ann, ben!);
      await other.connect(ben!, hal!);
      await other.call('POST', '/api/v1/me/groups', ann, { name: 'Chess Club' });
      await other.call('POST', '/api/v1/me/groups', gil, { name: 'Chess Club' });
      const answer = await other.call('GET', '/api/v1/suggestions', ann);
      expect(names(answer.body)).toEqual(['Hal Fof', 'Gil Group']);
      expect(answer.body.items[1]).toMatchObject({ degree: null, reasons: ['Also a member of Chess Club'] });
    } finally {
      await other.close();
    }
  });
});
