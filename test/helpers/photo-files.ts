import { crc32, createDeflate } from 'node:zlib';
import sharp from 'sharp';

/** A camera-like JPEG: a picture with EXIF (maker, model) and a GPS position in it. */
export async function jpegWithLocation(width = 800, height = 600, colour = '#2f6f8f'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .withExif({ IFD0: { Make: 'PhoneCo', Model: 'Pocket 9' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 24/1', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 3/1' } })
    .jpeg()
    .toBuffer();
}

export async function pngImage(width = 500, height = 300, colour = '#a03070'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: colour } }).png().toBuffer();
}

export async function webpImage(width = 300, height = 300, colour = '#30a070'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } }).webp().toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A decompression bomb: a real, valid grey PNG of `side`×`side` pixels (20000² = 400 million, 400 MB
 * decoded) whose compressed file is a few hundred kilobytes of zeros.
 */
export async function pngBomb(side = 20_000): Promise<Buffer> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, deflate, no filter method, no interlace
  const deflate = createDeflate({ level: 9 });
  const compressed: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => compressed.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const rows = Buffer.alloc((side + 1) * 256); // 256 rows at a time, each a filter byte then zeros
  for (let written = 0; written < side; written += 256) {
    const count = Math.min(256, side - written);
    if (!deflate.write(rows.subarray(0, (side + 1) * count))) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', Buffer.concat(compressed)), pngChunk('IEND', Buffer.alloc(0))]);
}
