import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIL_BATCH } from '../../src/jobs/mail-sender.js';
import { runDelivery } from '../../src/jobs/run-due.js';
import { createMailTransport } from '../../src/mail/transport.js';
import { backends, createTestApp, type TestApp } from '../helpers/test-app.js';

/** The worker's round (`runDelivery` without `untilEmpty`), as each server process runs it every 500 ms. */
describe.each(backends)('a delivery round on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(() => t.close());

  it('sends every mail due, not one claim of it, so mail keeps pace with the events that make it', async () => {
    const ctx = t.service.ctx;
    const due = new Date(ctx.clock.now().getTime() - 60_000);
    const count = 2 * MAIL_BATCH + 5;
    await sql`
      insert into mail_messages (to_email, category, template, subject, html, text_body, message_id, available_at, created_at)
      select 'round' || i || '@example.org', 'invitations', 'invitation', 'Hello', '<p>Hello</p>', 'Hello', 'round-' || i || '@rapport.test', ${due}, ${due}
      from generate_series(1, ${count}) i`.execute(ctx.db);

    const done = await runDelivery(ctx, createMailTransport(undefined, 'Rapport <noreply@rapport.test>'));

    expect(done.mail).toBe(count);
    const left = await sql<{ n: number }>`select count(*)::int as n from mail_messages where status = 'pending' and message_id like 'round-%'`.execute(ctx.db);
    expect(left.rows[0]!.n).toBe(0);
  });
});
