import type { AppContext } from '../context.js';
import { findMemberById } from '../db/repositories/members.js';
import { loadProfileParts, type ProfileParts } from '../db/repositories/profiles.js';
import type { MemberRow } from '../db/schema.js';

/** The parts of a member's profile beyond their row: positions, education, skills, groups. */
export async function loadOwnProfileParts(ctx: AppContext, memberId: number): Promise<ProfileParts> {
  return loadProfileParts(ctx.db, memberId);
}

/** A member's own profile, as they edit it (the member exists: they are signed in). */
export async function viewOwnProfile(ctx: AppContext, memberId: number): Promise<{ member: MemberRow; parts: ProfileParts }> {
  const member = await findMemberById(ctx.db, memberId);
  return { member: member!, parts: await loadProfileParts(ctx.db, memberId) };
}
