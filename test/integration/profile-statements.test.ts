import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewMember } from '../../src/use-cases/view-member.js';
import { counting } from '../helpers/statement-counter.js';
import { backends, createTestApp, type TestApp } from '../helpers/test-app.js';

// Graph reads from SQL here, so that no index poll makes the count depend on timing: the degree
// costs two statements (connected? a shared connection?) and the mutual count one. With the
// in-memory index they cost none.
describe.each(backends)('a profile view on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend, {}, { RAPPORT_GRAPH_INDEX: 'off' });
  });
  afterAll(() => t.close());

  it('reads both members and the send facts in one statement and the profile in another, plus degree and mutual count', async () => {
    const ann = await t.signUp('Ann Count');
    const ben = await t.signUp('Ben Count');
    const carl = await t.signUp('Carl Count');
    await t.connect(ann, carl);
    await t.connect(ben, carl);
    await t.call('POST', '/api/v1/me/positions', ann, { company: 'Acme', title: 'Engineer', startYear: 2010 });
    await t.call('POST', '/api/v1/me/positions', ben, { company: 'acme', title: 'Designer', startYear: 2012 });
    await t.call('PUT', '/api/v1/me/skills', ben, { skills: ['SQL'] });

    const counter = counting();
    const ctx = t.service.ctx;
    const view = await viewMember({ ...ctx, db: ctx.db.withPlugin(counter.plugin) }, { id: Number(ann.id), email: ann.email }, Number(ben.id));
    expect(view.relationship.degree).toBe(2);
    expect(view.relationship.mutualConnections).toBe(1);
    expect(view.inCommon.companies.map((c) => c.name)).toEqual(['acme']);
    expect(view.parts.skills).toEqual(['SQL']);
    expect(counter.count()).toBe(2 + 3);
  });
});
