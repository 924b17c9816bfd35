import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  addEducation,
  addPosition,
  joinGroup,
  leaveGroup,
  removeProfileEntry,
  replaceSkills,
  updateProfile,
} from '../../use-cases/edit-profile.js';
import { updateSettings } from '../../use-cases/update-settings.js';
import { viewOwnAccount } from '../../use-cases/view-own-account.js';
import { viewOwnProfile } from '../../use-cases/view-own-profile.js';
import { DEFAULT_INVITATION_MESSAGE } from '../../domain/note.js';
import { requireActor } from '../auth.js';
import { presentOwnProfile } from '../presenters/members.js';
import { fromId, idParams, problemSchema, toId } from '../schemas/common.js';
import {
  educationBody,
  groupBody,
  ownProfileSchema,
  positionBody,
  quotaSchema,
  settingsSchema,
  skillsBody,
  standingSchema,
  updateMeBody,
  updateSettingsBody,
} from '../schemas/members.js';
import { typed, type RouteDeps } from './deps.js';
import type { MonthlyAllowance } from '../../domain/allowances.js';
import { viewAllowances } from '../../use-cases/allowances.js';

const allowanceSchema = z.object({
  limit: z.number().int(),
  used: z.number().int(),
  remaining: z.number().int(),
  renewsAt: z.string().describe('the first moment of next month (UTC), when the allowance renews'),
});
export const allowancesSchema = z.object({ introductions: allowanceSchema, inmail: allowanceSchema });

export function meRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { ctx } = deps;
  const api = typed(app);
  const tags = ['me'];

  const ownProfile = async (memberId: number) => {
    const { member, parts } = await viewOwnProfile(ctx, memberId);
    return presentOwnProfile(member, parts);
  };

  api.get(
    '/me',
    {
      schema: {
        tags,
        summary: 'Your account: profile, settings, invitation quota and standing',
        response: { 200: z.object({ member: ownProfileSchema, settings: settingsSchema, quota: quotaSchema, standing: standingSchema }), 401: problemSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const account = await viewOwnAccount(ctx, actor.memberId);
      return {
        member: presentOwnProfile(account.member, account.parts),
        settings: account.settings,
        quota: account.quota,
        standing: account.standing,
      };
    },
  );

  api.get(
    '/me/allowances',
    {
      schema: {
        tags,
        summary: 'Your monthly allowances: introductions you may ask for and InMail messages you may send',
        response: { 200: allowancesSchema, 401: problemSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const allowances = await viewAllowances(ctx, actor.memberId);
      const present = (a: MonthlyAllowance) => ({ ...a, renewsAt: a.renewsAt.toISOString() });
      return { introductions: present(allowances.introductions), inmail: present(allowances.inmail) };
    },
  );

  api.get(
    '/policy',
    {
      schema: {
        tags,
        summary: 'The rules in force on this network (limits, waiting periods), and the default invitation message',
        response: {
          200: z.object({
            policy: z.record(z.string(), z.unknown()),
            defaultInvitationMessage: z.string(),
            devMailbox: z.boolean().describe('whether this server serves its dev mailbox at /dev/mail (RAPPORT_DEV_MAILBOX=1)'),
          }),
        },
      },
    },
    async (request) => {
      requireActor(request);
      return { policy: ctx.policy, defaultInvitationMessage: DEFAULT_INVITATION_MESSAGE, devMailbox: deps.devMailbox === true };
    },
  );

  api.patch(
    '/me',
    { schema: { tags, summary: 'Edit your name, headline, location or manager', body: updateMeBody, response: { 200: z.object({ member: ownProfileSchema }) } } },
    async (request) => {
      const actor = requireActor(request);
      const { managerId, ...rest } = request.body;
      await updateProfile(ctx, actor.memberId, { ...rest, ...(managerId !== undefined ? { managerId: managerId === null ? null : fromId(managerId) } : {}) });
      return { member: await ownProfile(actor.memberId) };
    },
  );

  api.patch(
    '/me/settings',
    { schema: { tags, summary: 'Who may invite you, auto-withdraw, notification mail', body: updateSettingsBody, response: { 200: z.object({ settings: settingsSchema }) } } },
    async (request) => {
      const actor = requireActor(request);
      return { settings: await updateSettings(ctx, actor.memberId, request.body) };
    },
  );

  api.post(
    '/me/positions',
    { schema: { tags, summary: 'Add a position (company and title)', body: positionBody, response: { 201: z.object({ member: ownProfileSchema }) } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await addPosition(ctx, actor.memberId, request.body);
      return reply.code(201).send({ member: await ownProfile(actor.memberId) });
    },
  );
  api.delete('/me/positions/:id', { schema: { tags, summary: 'Remove a position', params: idParams } }, async (request, reply) => {
    const actor = requireActor(request);
    await removeProfileEntry(ctx, actor.memberId, 'positions', fromId(request.params.id));
    return reply.code(204).send();
  });

  api.post(
    '/me/education',
    { schema: { tags, summary: 'Add a school', body: educationBody, response: { 201: z.object({ member: ownProfileSchema }) } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await addEducation(ctx, actor.memberId, request.body);
      return reply.code(201).send({ member: await ownProfile(actor.memberId) });
    },
  );
  api.delete('/me/education/:id', { schema: { tags, summary: 'Remove a school', params: idParams } }, async (request, reply) => {
    const actor = requireActor(request);
    await removeProfileEntry(ctx, actor.memberId, 'education', fromId(request.params.id));
    return reply.code(204).send();
  });

  api.put(
    '/me/skills',
    { schema: { tags, summary: 'Replace your skills', body: skillsBody, response: { 200: z.object({ skills: z.array(z.string()) }) } } },
    async (request) => {
      const actor = requireActor(request);
      return { skills: await replaceSkills(ctx, actor.memberId, request.body.skills) };
    },
  );

  api.post(
    '/me/groups',
    { schema: { tags, summary: 'Join a group by name', body: groupBody, response: { 201: z.object({ group: z.object({ id: z.string(), name: z.string() }) }) } } },
    async (request, reply) => {
      const actor = requireActor(request);
      const group = await joinGroup(ctx, actor.memberId, request.body.name);
      return reply.code(201).send({ group: { id: toId(group.id), name: group.name } });
    },
  );
  api.delete('/me/groups/:id', { schema: { tags, summary: 'Leave a group', params: idParams } }, async (request, reply) => {
    const actor = requireActor(request);
    await leaveGroup(ctx, actor.memberId, fromId(request.params.id));
    return reply.code(204).send();
  });
}
