import { z } from 'zod';

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

/** Trims and refuses control characters in short single-line text such as names and headlines. */
export function singleLine(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .refine((value) => !/[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/.test(value), 'must not contain control characters');
}

export function toId(id: number): string {
  return String(id);
}

export function fromId(id: string): number {
  return Number(id);
}
