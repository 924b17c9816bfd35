import sharp from 'sharp';
import { DomainError } from '../domain/errors.js';
import { checkPhotoDimensions, PHOTO_LIMITS, PHOTO_SIZES, sniffPhotoFormat, type InvalidImageReason } from '../domain/photo-rules.js';

// Each upload is decoded once; libvips' operation cache would only hold on to memory between them.
sharp.cache(false);

export interface EncodedPhoto {
  large: Buffer;
  small: Buffer;
}

const detailOf: Record<InvalidImageReason, string> = {
  not_an_image: 'The file is empty or not an image.',
  unsupported_format: 'Send a JPEG, PNG or WebP image.',
  corrupt: 'The image could not be read: it may be damaged or cut short.',
  too_many_pixels: `The image has more than ${PHOTO_LIMITS.maxInputPixels / 1_000_000} million pixels; send a smaller one.`,
  too_small: `The image is smaller than ${PHOTO_LIMITS.minSide}×${PHOTO_LIMITS.minSide} pixels; send a larger one.`,
};

function invalidImage(reason: InvalidImageReason): DomainError {
  return new DomainError('invalid_image', detailOf[reason], { reason });
}

/**
 * Decodes an uploaded photo and encodes it again, as square WebP images of the fixed sizes. Only
 * the pixels survive: EXIF (camera, GPS position, time), XMP, IPTC and comments are dropped, the
 * picture is turned upright first. The file's header is checked before anything is decoded (real
 * format, pixel count), and libvips refuses to decode past the pixel limit or on any damage.
 */
export async function reencodePhoto(bytes: Buffer): Promise<EncodedPhoto> {
  if (bytes.length === 0) throw invalidImage('not_an_image');
  const format = sniffPhotoFormat(bytes);
  if (!format) throw invalidImage('unsupported_format');
  const input = () => sharp(bytes, { limitInputPixels: PHOTO_LIMITS.maxInputPixels, failOn: 'warning', pages: 1 });
  let width: number | undefined;
  let height: number | undefined;
  try {
    const header = await input().metadata();
    if (header.format !== format) throw invalidImage('unsupported_format');
    ({ width, height } = header);
  } catch (error) {
    throw error instanceof DomainError ? error : invalidImage(/pixel limit/i.test(String(error)) ? 'too_many_pixels' : 'corrupt');
  }
  const refused = width && height ? checkPhotoDimensions(width, height) : 'corrupt';
  if (refused) throw invalidImage(refused);
  try {
    const large = await input()
      .rotate()
      .resize(PHOTO_SIZES.large, PHOTO_SIZES.large, { fit: 'cover', position: sharp.strategy.attention })
      .timeout({ seconds: PHOTO_LIMITS.timeoutSeconds })
      .webp({ quality: 82 })
      .toBuffer();
    const small = await sharp(large).resize(PHOTO_SIZES.small, PHOTO_SIZES.small).webp({ quality: 80 }).toBuffer();
    return { large, small };
  } catch (error) {
    throw invalidImage(/pixel limit/i.test(String(error)) ? 'too_many_pixels' : 'corrupt');
  }
}
