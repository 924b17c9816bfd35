import { z } from 'zod';
import { idSchema } from './common.js';
import { memberSummarySchema, relationshipSchema } from './members.js';

export const groupListingSchema = z.object({
  id: idSchema,
  name: z.string(),
  memberCount: z.number().int().describe('everyone in the group'),
  joined: z.boolean().describe('whether you are in it'),
});

/** A member in a list of people, as people search shows them. */
export const personInGraphSchema = memberSummarySchema.extend({
  mutualConnections: z.number().int(),
  degree: relationshipSchema.shape.degree.describe('your degree to them; null for yourself or beyond the 3rd'),
});
