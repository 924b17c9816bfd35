import { describe, expect, it } from 'vitest';
import { checkPhotoDimensions, PHOTO_LIMITS, sniffPhotoFormat } from '../../src/domain/photo-rules.js';

const bytes = (...values: Array<number | string>) =>
  Uint8Array.from(values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v])));

describe('sniffPhotoFormat: the format a file is, by its first bytes, whatever it is labelled', () => {
  it.each([
    ['a JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'JFIF'), 'jpeg'],
    ['a PNG', bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 'IHDR'), 'png'],
    ['a WebP', bytes('RIFF', 0x24, 0, 0, 0, 'WEBPVP8 '), 'webp'],
    ['a RIFF that is not WebP (a WAV)', bytes('RIFF', 0x24, 0, 0, 0, 'WAVEfmt '), null],
    ['an SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'), null],
    ['a GIF', bytes('GIF89a', 1, 0, 1, 0), null],
    ['a TIFF', bytes('II*', 0), null],
    ['a PDF', bytes('%PDF-1.7'), null],
    ['an empty file', bytes(), null],
    ['a cut-off PNG signature', bytes(0x89, 'PNG'), null],
  ])('%s → %s', (_label, input, expected) => {
    expect(sniffPhotoFormat(input)).toBe(expected);
  });
});

describe('checkPhotoDimensions: neither a pixel bomb nor a thumbnail', () => {
  it.each([
    ['a phone photo, 4000×3000', 4000, 3000, null],
    ['exactly the pixel limit', PHOTO_LIMITS.maxInputPixels / 5000, 5000, null],
    ['one row past the pixel limit', PHOTO_LIMITS.maxInputPixels / 5000, 5001, 'too_many_pixels'],
    ['a 20000×20000 bomb', 20_000, 20_000, 'too_many_pixels'],
    ['the smallest accepted side', PHOTO_LIMITS.minSide, 400, null],
    ['one pixel too narrow', PHOTO_LIMITS.minSide - 1, 400, 'too_small'],
    ['a 1×1 pixel', 1, 1, 'too_small'],
  ])('%s → %s', (_label, width, height, expected) => {
    expect(checkPhotoDimensions(width, height)).toBe(expected);
  });
});
