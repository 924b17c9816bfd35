// fflate (pinned, no dependencies, maintained): it writes a ZIP as a stream of chunks we can store
// a piece at a time, reads one back (the tests unzip with it), and needs no native build or
// temporary file, unlike archiver (which pulls in a dozen packages) or yazl (a writer only).
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';

/** The archive is stored in chunks of this size (a row each), so neither writing nor reading holds it whole. */
export const EXPORT_CHUNK_BYTES = 256 * 1024;

/**
 * Writes a ZIP as it is made: fflate hands out compressed bytes as files are added, and each whole
 * chunk goes to `store` (numbered from 0) as soon as it fills; `end` stores the rest.
 */
export class ChunkedZipWriter {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private seq = 0;
  /** Bytes of the archive so far. */
  size = 0;
  private failure: Error | null = null;
  private readonly zip: Zip;

  constructor(
    private readonly store: (seq: number, bytes: Uint8Array) => Promise<void>,
    private readonly mtime: Date,
    private readonly chunkBytes = EXPORT_CHUNK_BYTES,
  ) {
    this.zip = new Zip((error, data) => {
      if (error) this.failure = error;
      else {
        this.pending.push(data);
        this.pendingBytes += data.length;
        this.size += data.length;
      }
    });
  }

  async add(name: string, content: string | Uint8Array): Promise<void> {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    // An image is compressed already: stored as it is.
    const entry = name.endsWith('.webp') ? new ZipPassThrough(name) : new ZipDeflate(name, { level: 6 });
    entry.mtime = this.mtime;
    this.zip.add(entry);
    entry.push(bytes, true);
    await this.flush(false);
  }

  async end(): Promise<void> {
    this.zip.end();
    await this.flush(true);
  }

  private async flush(all: boolean): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.pendingBytes >= this.chunkBytes || (all && this.pendingBytes > 0)) {
      const joined = Buffer.concat(this.pending);
      const piece = joined.subarray(0, Math.min(this.chunkBytes, joined.length));
      const rest = joined.subarray(piece.length);
      await this.store(this.seq++, piece);
      this.pending = rest.length > 0 ? [rest] : [];
      this.pendingBytes = rest.length;
    }
  }
}
