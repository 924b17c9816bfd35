import type { AppContext } from '../context.js';
import { findCompanyPeople } from '../db/repositories/company-people.js';
import { withDegrees, type PersonInGraph } from './people-with-degrees.js';
import { findVisibleMember } from './view-member.js';

/**
 * The people of a company page: members whose current position names the company, with the
 * viewer's degree and mutual connections. A person's page has no people: an empty list.
 */
export async function listCompanyPeople(
  ctx: AppContext,
  viewerId: number,
  companyId: number,
  { limit, offset }: { limit: number; offset: number },
): Promise<{ people: PersonInGraph[]; hasMore: boolean }> {
  const company = await findVisibleMember(ctx, viewerId, companyId);
  if (company.kind !== 'company') return { people: [], hasMore: false };
  const rows = await findCompanyPeople(ctx.db, viewerId, company.name, limit + 1, offset);
  return { people: await withDegrees(ctx, viewerId, rows.slice(0, limit)), hasMore: rows.length > limit };
}
