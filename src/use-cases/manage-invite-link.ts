import { randomBytes } from 'node:crypto';
import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { findMemberById, isBlockedEitherWay } from '../db/repositories/members.js';
import {
  findInviteLinkByToken,
  findInviteLinkOf,
  insertInviteLinkIfMissing,
  replaceInviteLinkToken,
  updateInviteLinkSwitches,
  type InviteLinkRow,
} from '../db/repositories/invite-links.js';
import type { MemberRow } from '../db/schema.js';

export type { InviteLinkRow };

/** 128 random bits: a link cannot be guessed, only shared. */
function newToken(): string {
  return randomBytes(16).toString('base64url');
}

/** Where the web app opens a link: it shows the owner and, once signed in, the one-click action. */
export function inviteLinkUrl(ctx: AppContext, token: string): string {
  return `${ctx.publicUrl}/invite/${token}`;
}

/** The member's own link, made on first use (switched on, without auto-accept). */
export async function getInviteLink(ctx: AppContext, memberId: number): Promise<InviteLinkRow> {
  await insertInviteLinkIfMissing(ctx.db, memberId, newToken(), ctx.clock.now());
  return findInviteLinkOf(ctx.db, memberId);
}

/** A new token: the old link stops working at once. */
export async function rotateInviteLink(ctx: AppContext, memberId: number): Promise<InviteLinkRow> {
  await getInviteLink(ctx, memberId);
  return replaceInviteLinkToken(ctx.db, memberId, newToken(), ctx.clock.now());
}

/** Switches the link off or on, and auto-accept off or on. */
export async function updateInviteLink(ctx: AppContext, memberId: number, patch: { enabled?: boolean | undefined; autoAccept?: boolean | undefined }): Promise<InviteLinkRow> {
  const link = await getInviteLink(ctx, memberId);
  const values = {
    ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
    ...(patch.autoAccept !== undefined ? { auto_accept: patch.autoAccept } : {}),
  };
  if (Object.keys(values).length === 0) return link;
  return updateInviteLinkSwitches(ctx.db, memberId, values);
}

/**
 * The owner behind a link that works: switched on, not rotated away, and — for a signed-in
 * visitor — with no block between the two. Anything else is `not_found`, one answer for all.
 */
export async function findLiveInviteLink(ctx: AppContext, token: string, visitorId: number | null): Promise<{ link: InviteLinkRow; owner: MemberRow }> {
  const notFound = () => new DomainError('not_found', 'This invitation link does not work any more.');
  const link = await findInviteLinkByToken(ctx.db, token);
  if (!link || !link.enabled) throw notFound();
  const owner = await findMemberById(ctx.db, link.member_id);
  if (!owner) throw notFound();
  if (visitorId !== null && visitorId !== owner.id && (await isBlockedEitherWay(ctx.db, visitorId, owner.id))) throw notFound();
  return { link, owner };
}
