import { z } from 'zod';
import { normaliseText } from '../../domain/text.js';

/** Ids are opaque strings in the API (decimal digits underneath). */
export const idSchema = z.string().regex(/^[1-9][0-9]{0,14}$/, 'is not a valid id');

export const idParams = z.strictObject({ id: idSchema });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
  })
  .loose()
  .describe('An RFC 9457 problem document; `code` is stable and machine-readable.');

export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const isoDate = z.string().describe('ISO-8601 UTC time');

/**
 * Short single-line text such as names and headlines, through the domain's one text normaliser:
 * trimmed; control characters (NEL among them), bidi overrides, broken characters and text made
 * only of invisible characters refused.
 */
export function singleLine(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .superRefine((value, issues) => {
      const checked = normaliseText(value, 'line');
      if (!checked.ok) issues.addIssue({ code: 'custom', message: checked.reason });
    });
}

export function toId(id: number): string {
  return String(id);
}

export function fromId(id: string): number {
  return Number(id);
}
