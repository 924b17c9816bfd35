import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { dismissSuggestion as recordDismissal } from '../graph/exclusions.js';
import { findVisibleMember } from './view-member.js';

/** "Not interested": people you may know leaves out this member from now on. */
export async function dismissSuggestion(ctx: AppContext, viewerId: number, memberId: number): Promise<void> {
  if (memberId === viewerId) throw new DomainError('validation_failed', 'memberId: you are never suggested to yourself.');
  await findVisibleMember(ctx, viewerId, memberId);
  await recordDismissal(ctx.db, viewerId, memberId, ctx.clock.now());
}
