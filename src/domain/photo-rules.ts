/**
 * What a profile photo may be, and what the service makes of it. These are limits of the image
 * pipeline (memory and time per upload), not community rules, so they are constants, not policy.
 */
export const PHOTO_LIMITS = {
  /** The largest upload accepted, in bytes (5 MiB). */
  maxBytes: 5 * 1024 * 1024,
  /** The most pixels a photo may declare (width × height): a larger one is refused before it is decoded. */
  maxInputPixels: 40_000_000,
  /** The shortest side a photo may have: anything smaller is a thumbnail, not a picture of someone. */
  minSide: 96,
  /** Seconds the re-encoding of one photo may take. */
  timeoutSeconds: 10,
} as const;

/** The two square sizes every photo is re-encoded to, in pixels. */
export const PHOTO_SIZES = { large: 400, small: 96 } as const;
export type PhotoSize = keyof typeof PHOTO_SIZES;

/** The media types an upload may declare. */
export const PHOTO_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export type PhotoFormat = 'jpeg' | 'png' | 'webp';

/** Why an image was refused (`422 invalid_image`, `reason`). */
export type InvalidImageReason = 'not_an_image' | 'unsupported_format' | 'corrupt' | 'too_many_pixels' | 'too_small';

/**
 * The format a file really is, from its first bytes: JPEG, PNG or WebP, else null. The decoder only
 * ever sees files that pass this, so an SVG, a TIFF or a PDF labelled `image/png` never reaches one.
 */
export function sniffPhotoFormat(bytes: Uint8Array): PhotoFormat | null {
  const startsWith = (offset: number, signature: readonly number[]) => signature.every((byte, i) => bytes[offset + i] === byte);
  if (startsWith(0, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(0, [0x52, 0x49, 0x46, 0x46]) && startsWith(8, [0x57, 0x45, 0x42, 0x50])) return 'webp';
  return null;
}

/** Whether a photo's size is acceptable: not a pixel bomb, not a thumbnail. */
export function checkPhotoDimensions(width: number, height: number): InvalidImageReason | null {
  if (width * height > PHOTO_LIMITS.maxInputPixels) return 'too_many_pixels';
  if (Math.min(width, height) < PHOTO_LIMITS.minSide) return 'too_small';
  return null;
}
