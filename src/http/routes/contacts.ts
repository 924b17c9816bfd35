import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { charsetOf } from '../../contacts/encoding.js';
import { IMPORT_LIMITS, type ImportLimits } from '../../contacts/limits.js';
import { isContactFile, readContactFile } from '../../contacts/read-contact-file.js';
import { DomainError } from '../../domain/errors.js';
import { deleteAllContacts, deleteContact } from '../../use-cases/delete-contacts.js';
import { exportConnectionsCsv, exportContactsCsv } from '../../use-cases/export-contact-lists.js';
import { importContacts } from '../../use-cases/import-contacts.js';
import { inviteContacts } from '../../use-cases/invite-contacts.js';
import { listContacts, type ContactView } from '../../use-cases/list-contacts.js';
import { requireActor } from '../auth.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { presentMemberSummary } from '../presenters/members.js';
import { fromId, idParams, idSchema, isoDate, listOf, problemSchema, toId } from '../schemas/common.js';
import { memberSummarySchema, relationshipSchema } from '../schemas/members.js';
import { typed, type RouteDeps } from './deps.js';

/** Content types a contact file may come as; anything textual is sniffed the same way. */
const FILE_TYPES = new Set([
  'text/csv',
  'text/comma-separated-values',
  'application/csv',
  'application/vnd.ms-excel',
  'text/vcard',
  'text/x-vcard',
  'text/directory',
  'application/octet-stream',
  'text/plain',
]);

export const contactSchema = z.object({
  id: idSchema,
  name: z.string(),
  email: z.string(),
  createdAt: isoDate,
  member: memberSummarySchema.extend({ degree: relationshipSchema.shape.degree, mutualConnections: z.number().int() }).nullable(),
  invitationPending: z.boolean(),
});

export const importReportSchema = z.object({
  format: z.enum(['linkedin', 'google', 'outlook', 'generic', 'vcard']),
  encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252']),
  rows: z.number().int(),
  imported: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  members: z.number().int(),
  memberMatchesLeft: z.number().int(),
  problems: z.array(z.object({ row: z.number().int(), outcome: z.enum(['rejected', 'duplicate']), reason: z.string(), value: z.string().optional() })),
  problemsTruncated: z.boolean(),
});

export const inviteResultSchema = z.object({
  contactId: idSchema,
  outcome: z.enum(['sent', 'connected', 'refused', 'not_attempted']),
  invitationId: idSchema.optional(),
  code: z.string().optional(),
  detail: z.string().optional(),
});

function presentContact(view: ContactView) {
  const { contact, member } = view;
  return {
    id: toId(contact.id),
    name: contact.name,
    email: contact.email,
    createdAt: contact.created_at.toISOString(),
    member: member ? { ...presentMemberSummary(member.row), degree: member.degree, mutualConnections: member.mutualConnections } : null,
    invitationPending: view.invitationPending,
  };
}

export function contactRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);
  const tags = ['contacts'];
  const limits: ImportLimits = IMPORT_LIMITS;

  // The upload gets its own scope: a streaming parser for files that no other route accepts.
  app.register(async (scoped) => {
    scoped.addHook('onRequest', async (request) => {
      requireActor(request); // refuse before reading a byte of the file
    });
    scoped.addHook('onSend', async (request, reply, payload) => {
      // A refusal before the end of the upload: close the connection rather than read the rest.
      if (reply.statusCode >= 400 && !request.raw.complete) reply.header('connection', 'close');
      return payload;
    });
    scoped.addContentTypeParser('*', async (request: { headers: Record<string, string | string[] | undefined> }, payload: Readable) => {
      const contentType = String(request.headers['content-type'] ?? '');
      const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
      if (mediaType === 'multipart/form-data') {
        throw new DomainError('unsupported_media_type', 'Send the file itself as the request body (text/csv or text/vcard), not a form.');
      }
      if (!FILE_TYPES.has(mediaType)) throw new DomainError('unsupported_media_type', 'Send a contact file as text/csv, text/vcard or application/octet-stream.');
      const declared = Number(request.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        throw new DomainError('payload_too_large', `A contact file can be at most ${limits.maxBytes / (1024 * 1024)} MiB.`, { maxBytes: limits.maxBytes });
      }
      return readContactFile(payload, { limits, declaredEncoding: charsetOf(contentType) });
    });

    typed(scoped).post(
      '/contacts/import',
      {
        schema: {
          tags,
          summary: 'Import contacts from a CSV (LinkedIn, Google, Outlook) or vCard file; sends nothing',
          description:
            'The body is the file itself (`text/csv`, `text/vcard` or `application/octet-stream`; the format and the encoding — UTF-8, UTF-16 with or without BOM, Windows-1252 — are detected). ' +
            'Caps: 10 MiB (`413 payload_too_large`), 50,000 rows (`413 import_too_many_rows`), 64 KiB per record (`422 import_row_too_long`), 5 s (`422 import_timeout`). ' +
            'A file that would take you past `maxContactsPerMember` stored contacts (addresses you have already do not count) is refused whole: `422 contacts_limit_reached` with `max`, `stored` and `adding`. ' +
            'A refused file stores nothing. `members` counts the new contacts whose member match is shown: at most what is left of `contactMembersShownPerDay` in the last 24 hours (`memberMatchesLeft` after this import); ' +
            'other matches are not counted and show in `GET /contacts` once the allowance frees up.',
          consumes: [...FILE_TYPES],
          // Declared so the OpenAPI document lists the file's media types; the parser above reads it.
          body: z.unknown().describe('the contact file itself'),
          response: { 201: z.object({ report: importReportSchema }), 413: problemSchema, 415: problemSchema, 422: problemSchema },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        if (!isContactFile(request.body)) throw new DomainError('unsupported_media_type', 'Send a contact file as text/csv, text/vcard or application/octet-stream.');
        const report = await importContacts(ctx, actor.memberId, request.body, limits.maxListedProblems);
        return reply.code(201).send({ report });
      },
    );
  });

  api.get(
    '/contacts',
    {
      schema: {
        tags,
        summary: 'Your imported contacts, newest first; members among them with degree and mutual connections',
        description:
          'A contact whose member match was never shown is matched only within `contactMembersShownPerDay` (any 24 hours, shared with imports); past it `member` is null until the allowance frees up. Inviting the contact still reaches the member.',
        querystring: z.strictObject({
          q: z.string().trim().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().max(500).optional(),
        }),
        response: { 200: listOf(contactSchema) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { limit, q } = request.query;
      const { items, hasMore } = await listContacts(ctx, actor.memberId, { limit, q, before: decodeCursor(request.query.cursor) });
      const last = items.at(-1)?.contact;
      return { items: items.map(presentContact), nextCursor: hasMore && last ? encodeCursor({ at: last.created_at, id: last.id }) : null };
    },
  );

  api.get(
    '/contacts/export.csv',
    { schema: { tags, summary: 'Your contacts as CSV (cells a spreadsheet would run as formulas are neutralised)', produces: ['text/csv'] } },
    async (request, reply) => {
      const actor = requireActor(request);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="rapport-contacts.csv"')
        .header('cache-control', 'no-store')
        .send(Readable.from(exportContactsCsv(ctx, actor.memberId)));
    },
  );

  api.get(
    '/connections/export.csv',
    { schema: { tags: ['connections'], summary: 'Your connections as CSV (name, headline, location, profile, connected on)', produces: ['text/csv'] } },
    async (request, reply) => {
      const actor = requireActor(request);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="rapport-connections.csv"')
        .header('cache-control', 'no-store')
        .send(Readable.from(exportConnectionsCsv(ctx, actor.memberId)));
    },
  );

  api.delete(
    '/contacts/:id',
    { schema: { tags, summary: 'Delete one contact', params: idParams, response: { 204: z.null(), 404: problemSchema } } },
    async (request, reply) => {
      const actor = requireActor(request);
      await deleteContact(ctx, actor.memberId, fromId(request.params.id));
      return reply.code(204).send(null);
    },
  );

  api.delete(
    '/contacts',
    { schema: { tags, summary: 'Delete all your contacts', response: { 200: z.object({ deleted: z.number().int() }) } } },
    async (request) => {
      const actor = requireActor(request);
      return { deleted: await deleteAllContacts(ctx, actor.memberId) };
    },
  );

  api.post(
    '/contacts/invite',
    {
      schema: {
        tags,
        summary: 'Invite the contacts you picked, with one note for all; each send follows every rule and quota of a single invitation',
        description:
          'Answers what happened to each contact, in the order given: `sent`, `connected` (they had invited you), `refused` with the refusal `code`, or `not_attempted` after a refusal that stops the batch (`quota_exceeded`, `captcha_required`).',
        body: z.strictObject({ contactIds: z.array(idSchema).min(1).max(100), note: z.string().max(5000).optional() }),
        response: {
          200: z.object({
            results: z.array(inviteResultSchema),
            summary: z.object({ sent: z.number().int(), connected: z.number().int(), refused: z.number().int(), notAttempted: z.number().int() }),
          }),
          422: problemSchema,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const outcomes = await inviteContacts(ctx, actor.memberId, { contactIds: request.body.contactIds.map(fromId), note: request.body.note });
      const results = outcomes.map((o) => {
        const base = { contactId: toId(o.contactId), outcome: o.outcome };
        switch (o.outcome) {
          case 'sent':
          case 'connected':
            return { ...base, invitationId: toId(o.invitationId) };
          case 'refused':
            return { ...base, code: o.code, detail: o.detail };
          case 'not_attempted':
            return { ...base, code: o.code };
        }
      });
      const count = (outcome: string) => outcomes.filter((o) => o.outcome === outcome).length;
      return { results, summary: { sent: count('sent'), connected: count('connected'), refused: count('refused'), notAttempted: count('not_attempted') } };
    },
  );
}
