import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import { PHOTO_LIMITS, PHOTO_MEDIA_TYPES, PHOTO_SIZES } from '../../domain/photo-rules.js';
import { readProfilePhoto } from '../../use-cases/read-profile-photo.js';
import { removeProfilePhoto } from '../../use-cases/remove-profile-photo.js';
import { setProfilePhoto } from '../../use-cases/set-profile-photo.js';
import { viewOwnProfile } from '../../use-cases/view-own-profile.js';
import { requireActor } from '../auth.js';
import { presentOwnProfile } from '../presenters/members.js';
import { problemSchema } from '../schemas/common.js';
import { ownProfileSchema } from '../schemas/members.js';
import { typed, type RouteDeps } from './deps.js';

const MAX_MIB = PHOTO_LIMITS.maxBytes / (1024 * 1024);
/** A served photo never changes at its address (the key names its bytes): caches may keep it for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const photoFile = /^([0-9a-f]{32})\.webp$/;

function tooLarge(): DomainError {
  return new DomainError('payload_too_large', `A photo can be at most ${MAX_MIB} MiB.`, { maxBytes: PHOTO_LIMITS.maxBytes });
}

/** Reads the upload into memory, refusing it as soon as it passes the size limit. */
async function readUpload(payload: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of payload) {
    length += (chunk as Buffer).length;
    if (length > PHOTO_LIMITS.maxBytes) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, length);
}

export function photoRoutes(app: FastifyInstance, { ctx }: RouteDeps): void {
  const api = typed(app);
  const tags = ['me'];

  // The upload gets its own scope: the one place where the API takes an image body.
  app.register(async (scoped) => {
    scoped.addHook('onRequest', async (request) => {
      requireActor(request); // refuse before reading a byte of the image
      const declared = Number(request.headers['content-length']);
      if (Number.isFinite(declared) && declared > PHOTO_LIMITS.maxBytes) throw tooLarge();
    });
    scoped.addHook('onSend', async (request, reply, payload) => {
      // A refusal before the end of the upload: close the connection rather than read the rest.
      if (reply.statusCode >= 400 && !request.raw.complete) reply.header('connection', 'close');
      return payload;
    });
    scoped.addContentTypeParser([...PHOTO_MEDIA_TYPES], async (_request: unknown, payload: Readable) => readUpload(payload));
    scoped.addContentTypeParser('*', async (request: { headers: Record<string, string | string[] | undefined> }) => {
      const mediaType = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (mediaType.startsWith('image/')) {
        throw new DomainError('invalid_image', 'Send a JPEG, PNG or WebP image.', { reason: 'unsupported_format' });
      }
      throw new DomainError('unsupported_media_type', 'Send the image itself as the request body, as image/jpeg, image/png or image/webp.');
    });

    typed(scoped).put(
      '/me/photo',
      {
        bodyLimit: PHOTO_LIMITS.maxBytes + 1,
        schema: {
          tags,
          summary: 'Set your profile photo (the image itself as the body)',
          description:
            `The body is a JPEG, PNG or WebP image (\`image/jpeg\`, \`image/png\`, \`image/webp\`), at most ${MAX_MIB} MiB (\`413 payload_too_large\`). ` +
            'It is decoded and encoded again as square WebP images of 400×400 and 96×96 pixels (cropped to the middle of interest); camera data, GPS position and other metadata are not kept. ' +
            `A file that is not such an image, is damaged or cut short, has more than ${PHOTO_LIMITS.maxInputPixels / 1_000_000} million pixels or a side under ${PHOTO_LIMITS.minSide} pixels: ` +
            '`422 invalid_image` with `reason` (`not_an_image`, `unsupported_format`, `corrupt`, `too_many_pixels`, `too_small`); a body that is not an image at all: `415 unsupported_media_type`. ' +
            'The answer is your profile; its `photoUrl` is new with each photo.',
          consumes: [...PHOTO_MEDIA_TYPES],
          response: { 200: z.object({ member: ownProfileSchema }), 413: problemSchema, 415: problemSchema, 422: problemSchema },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        if (!Buffer.isBuffer(request.body)) {
          throw new DomainError('unsupported_media_type', 'Send the image itself as the request body, as image/jpeg, image/png or image/webp.');
        }
        await setProfilePhoto(ctx, actor.memberId, request.body);
        const { member, parts } = await viewOwnProfile(ctx, actor.memberId);
        return { member: presentOwnProfile(member, parts) };
      },
    );
  });

  api.delete(
    '/me/photo',
    { schema: { tags, summary: 'Remove your profile photo (your initials show again)', response: { 200: z.object({ member: ownProfileSchema }) } } },
    async (request) => {
      const actor = requireActor(request);
      await removeProfilePhoto(ctx, actor.memberId);
      const { member, parts } = await viewOwnProfile(ctx, actor.memberId);
      return { member: presentOwnProfile(member, parts) };
    },
  );

  api.get(
    '/photos/:file',
    {
      schema: {
        tags: ['members'],
        summary: 'A profile photo, at the address a member\'s `photoUrl` gives',
        description:
          'WebP, 400×400, or 96×96 with `?size=96`. The address names the image\'s bytes, so it is cached for a year (`immutable`); a new photo has a new address. ' +
          'No sign-in is needed (an `<img>` sends none; the address cannot be guessed). A removed or replaced photo is `404`.',
        params: z.strictObject({ file: z.string().max(100) }),
        querystring: z.strictObject({ size: z.enum([String(PHOTO_SIZES.large), String(PHOTO_SIZES.small)]).default(String(PHOTO_SIZES.large)) }),
        produces: ['image/webp'],
      },
    },
    async (request, reply) => {
      const key = photoFile.exec(request.params.file)?.[1];
      const size = request.query.size === String(PHOTO_SIZES.small) ? 'small' : 'large';
      const bytes = key ? await readProfilePhoto(ctx, key, size) : null;
      if (!bytes) throw new DomainError('not_found', 'No photo at this address (it may have been replaced or removed).');
      const etag = `"${key}-${PHOTO_SIZES[size]}"`;
      reply.header('cache-control', IMMUTABLE).header('etag', etag);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('image/webp').send(bytes);
    },
  );
}
