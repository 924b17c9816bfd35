import type { AppContext } from '../context.js';
import { DomainError } from '../domain/errors.js';
import { decideManager } from '../domain/manager.js';
import { findMemberById, isBlockedEitherWay, refreshSearchText } from '../db/repositories/members.js';
import {
  deleteGroupMembership,
  deleteProfileEntry,
  insertEducation,
  insertPosition,
  joinGroupByName,
  replaceMemberSkills,
  updateProfileFields,
  type ProfileFields,
} from '../db/repositories/profiles.js';
import { inTransaction } from '../db/transaction.js';

export interface ProfilePatch {
  name?: string | undefined;
  headline?: string | undefined;
  location?: string | undefined;
  managerId?: number | null | undefined;
}

export async function updateProfile(ctx: AppContext, memberId: number, patch: ProfilePatch): Promise<void> {
  if (patch.managerId !== undefined && patch.managerId !== null) {
    const managerId = patch.managerId;
    const [manager, blocked] = await Promise.all([findMemberById(ctx.db, managerId), isBlockedEitherWay(ctx.db, memberId, managerId)]);
    const decision = decideManager(memberId, managerId, { visible: manager !== undefined && !blocked, kind: manager?.kind ?? null });
    if (!decision.ok) throw new DomainError('validation_failed', `managerId: ${decision.reason}.`);
  }
  await inTransaction(ctx.db, async (trx) => {
    const values: ProfileFields = {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.headline !== undefined ? { headline: patch.headline } : {}),
      ...(patch.location !== undefined ? { location: patch.location } : {}),
      ...(patch.managerId !== undefined ? { manager_id: patch.managerId } : {}),
    };
    if (Object.keys(values).length > 0) await updateProfileFields(trx, memberId, values);
    await refreshSearchText(trx, memberId);
  });
}

export interface PositionInput {
  company: string;
  title: string;
  startYear?: number | null | undefined;
  endYear?: number | null | undefined;
}

function checkYears(start: number | null | undefined, end: number | null | undefined): void {
  if (start != null && end != null && end < start) throw new DomainError('validation_failed', 'endYear: must not be before startYear.');
}

export async function addPosition(ctx: AppContext, memberId: number, input: PositionInput): Promise<number> {
  checkYears(input.startYear, input.endYear);
  return inTransaction(ctx.db, async (trx) => {
    const id = await insertPosition(trx, { member_id: memberId, company: input.company, title: input.title, start_year: input.startYear ?? null, end_year: input.endYear ?? null });
    await refreshSearchText(trx, memberId);
    return id;
  });
}

export interface EducationInput {
  school: string;
  degree?: string | undefined;
  startYear?: number | null | undefined;
  endYear?: number | null | undefined;
}

export async function addEducation(ctx: AppContext, memberId: number, input: EducationInput): Promise<number> {
  checkYears(input.startYear, input.endYear);
  return inTransaction(ctx.db, async (trx) => {
    const id = await insertEducation(trx, { member_id: memberId, school: input.school, degree: input.degree ?? '', start_year: input.startYear ?? null, end_year: input.endYear ?? null });
    await refreshSearchText(trx, memberId);
    return id;
  });
}

/** Removes one of the member's own positions or schools; someone else's id is "not found". */
export async function removeProfileEntry(ctx: AppContext, memberId: number, table: 'positions' | 'education', id: number): Promise<void> {
  await inTransaction(ctx.db, async (trx) => {
    if (!(await deleteProfileEntry(trx, memberId, table, id))) throw new DomainError('not_found', 'No such entry on your profile.');
    await refreshSearchText(trx, memberId);
  });
}

export async function replaceSkills(ctx: AppContext, memberId: number, skills: readonly string[]): Promise<string[]> {
  const byLowerCase = new Map<string, string>();
  for (const skill of skills) if (!byLowerCase.has(skill.toLowerCase())) byLowerCase.set(skill.toLowerCase(), skill);
  const unique = [...byLowerCase.values()];
  await inTransaction(ctx.db, (trx) => replaceMemberSkills(trx, memberId, unique));
  return unique.sort();
}

/** Joins a group by name, creating it when it is new. */
export async function joinGroup(ctx: AppContext, memberId: number, name: string): Promise<{ id: number; name: string }> {
  return inTransaction(ctx.db, (trx) => joinGroupByName(trx, memberId, name));
}

export async function leaveGroup(ctx: AppContext, memberId: number, groupId: number): Promise<void> {
  if (!(await deleteGroupMembership(ctx.db, memberId, groupId))) throw new DomainError('not_found', 'You are not in this group.');
}
