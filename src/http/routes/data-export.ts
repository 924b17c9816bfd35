import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ARCHIVE_FILES } from '../../use-cases/data-export-sections.js';
import { openDataExportDownload, readDataExportChunks, requestDataExport, viewDataExport, type DataExportView } from '../../use-cases/data-exports.js';
import { requireActor } from '../auth.js';
import { idParams, toId } from '../schemas/common.js';
import { typed, type RouteDeps } from './deps.js';

export const dataExportSchema = z.object({
  id: z.string(),
  status: z.enum(['queued', 'building', 'ready', 'downloaded', 'expired', 'failed']),
  rowsWritten: z.number().int().describe('rows written into the archive so far'),
  rowsTotal: z.number().int().nullable().describe('rows the archive will hold (null until counted)'),
  percent: z.number().int().min(0).max(100),
  sizeBytes: z.number().int().nullable(),
  requestedAt: z.string(),
  readyAt: z.string().nullable(),
  expiresAt: z.string().nullable().describe('when the download link stops working and the archive is deleted'),
  finishedAt: z.string().nullable(),
  downloadUrl: z.string().nullable().describe('signed, single-use link for the signed-in member, while the archive is ready'),
});

function presentExport(view: DataExportView) {
  return {
    id: toId(view.id),
    status: view.status,
    rowsWritten: view.rowsWritten,
    rowsTotal: view.rowsTotal,
    percent: view.percent,
    sizeBytes: view.sizeBytes,
    requestedAt: view.requestedAt.toISOString(),
    readyAt: view.readyAt?.toISOString() ?? null,
    expiresAt: view.expiresAt?.toISOString() ?? null,
    finishedAt: view.finishedAt?.toISOString() ?? null,
    downloadUrl: view.downloadPath,
  };
}

const fileList = ARCHIVE_FILES.map((f) => `\`${f.name}\``).join(', ');

export function dataExportRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);
  const tags = ['me'];

  api.post(
    '/me/export',
    {
      schema: {
        tags,
        summary: 'Ask for an archive of your data (built in the background; you are told when it is ready)',
        description:
          'Answers `202` with the archive: `queued`, then `building` (with `rowsWritten` of `rowsTotal`), then `ready`. ' +
          'One archive at a time: while one is being made or waits for its download, asking again answers that same archive (`202`, unchanged). ' +
          `The ZIP holds README.txt and ${fileList}. ` +
          'A notification (`data_export_ready`) and a mail tell you when it is ready.',
        response: { 202: z.object({ export: dataExportSchema }) },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { export: view } = await requestDataExport(ctx, actor.memberId);
      return reply.code(202).send({ export: presentExport(view) });
    },
  );

  api.get(
    '/me/export',
    {
      schema: {
        tags,
        summary: 'Your latest archive: its status, progress and, when ready, its download link',
        response: { 200: z.object({ export: dataExportSchema.nullable(), files: z.array(z.object({ name: z.string(), about: z.string() })) }) },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const view = await viewDataExport(ctx, actor.memberId);
      return { export: view ? presentExport(view) : null, files: ARCHIVE_FILES.map((f) => ({ name: f.name, about: f.about })) };
    },
  );

  api.get(
    '/me/export/:id/download',
    {
      schema: {
        tags,
        summary: 'Download your archive (ZIP) with its signed link; it is deleted once downloaded',
        description:
          'The link (`downloadUrl`) is signed for you and this archive, works once and expires after the policy\'s `exportLinkHours`. ' +
          'A used or expired link: `410 export_link_invalid` (`reason`: `used`, `expired`, `invalid`); another member\'s link: `403 forbidden`.',
        params: idParams,
        querystring: z.strictObject({ token: z.string().max(2000) }),
        produces: ['application/zip'],
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const exportId = Number(request.params.id);
      const seqs = await openDataExportDownload(ctx, actor.memberId, exportId, request.query.token);
      const day = ctx.clock.now().toISOString().slice(0, 10);
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="rapport-data-${day}.zip"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(readDataExportChunks(ctx, exportId, seqs)));
    },
  );
}
