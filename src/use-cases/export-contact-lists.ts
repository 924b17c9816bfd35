import type { AppContext } from '../context.js';
import { csvLine, UTF8_BOM } from '../contacts/csv-export.js';
import { Pacer } from '../contacts/pacer.js';
import { listConnectionsForExport } from '../db/repositories/connections.js';
import { listContactsForExport } from '../db/repositories/contacts.js';

const PAGE = 500;
/**
 * The embedded database runs each statement on the server's own thread: smaller pages keep every
 * stretch short enough for other requests to go between (bench/contacts-stall.ts).
 */
const EMBEDDED_PAGE = 100;

function pageSize(ctx: AppContext): number {
  return ctx.dialect === 'pglite' ? EMBEDDED_PAGE : PAGE;
}

/**
 * The member's contacts as CSV lines (header first), read page by page (keyset) and written to the
 * reply as they come, so a large list is never held whole; other requests run between pages.
 */
export async function* exportContactsCsv(ctx: AppContext, ownerId: number): AsyncGenerator<string> {
  yield UTF8_BOM + csvLine(['Name', 'Email', 'Added On']);
  const pacer = new Pacer();
  let after: { at: Date; id: number } | null = null;
  for (;;) {
    await pacer.yield();
    const rows = await listContactsForExport(ctx.db, ownerId, pageSize(ctx), after);
    if (rows.length > 0) yield rows.map((row) => csvLine([row.name, row.email, row.created_at.toISOString()])).join('');
    if (rows.length < pageSize(ctx)) return;
    const last = rows[rows.length - 1]!;
    after = { at: last.created_at, id: last.id };
  }
}

/**
 * The member's connections as CSV lines: name, headline, location, profile address and when you
 * connected. Connections' email addresses are theirs to share, so they are not in it.
 */
export async function* exportConnectionsCsv(ctx: AppContext, memberId: number): AsyncGenerator<string> {
  yield UTF8_BOM + csvLine(['Name', 'Headline', 'Location', 'Profile', 'Connected On']);
  let after: { at: Date; id: number } | null = null;
  for (;;) {
    const rows = await listConnectionsForExport(ctx.db, memberId, PAGE, after);
    if (rows.length > 0) {
      yield rows.map((row) => csvLine([row.name, row.headline, row.location, `${ctx.publicUrl}/members/${row.id}`, row.created_at.toISOString()])).join('');
    }
    if (rows.length < PAGE) return;
    const last = rows[rows.length - 1]!;
    after = { at: last.created_at, id: last.id };
  }
}
