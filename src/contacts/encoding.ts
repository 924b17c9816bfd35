/** What the first bytes of an upload say about how to read it. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type Sniffed =
  | { kind: 'text'; encoding: TextEncoding; bomLength: number }
  | { kind: 'binary'; what: 'zip' | 'pdf' | 'unknown' };

const CHARSETS: Record<string, TextEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'utf-16': 'utf-16le',
  'iso-8859-1': 'windows-1252',
  'iso-8859-15': 'windows-1252',
  latin1: 'windows-1252',
  'windows-1252': 'windows-1252',
  'cp1252': 'windows-1252',
};

/** The encoding named by a `charset=` parameter, when it is one we read. */
export function charsetOf(contentType: string | undefined): TextEncoding | undefined {
  const match = /;\s*charset="?([A-Za-z0-9_-]+)"?/i.exec(contentType ?? '');
  return match ? CHARSETS[match[1]!.toLowerCase()] : undefined;
}

/**
 * Tells the encoding from a byte-order mark, from the pattern of zero bytes UTF-16 leaves, and
 * from whether the bytes are valid UTF-8; anything else is read as Windows-1252 (Latin-1 and what
 * Excel writes on Windows). `complete` says `head` is the whole file, so a multi-byte sequence cut
 * at its end is an error rather than the start of the next chunk.
 */
export function sniffEncoding(head: Uint8Array, complete: boolean, declared?: TextEncoding): Sniffed {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { kind: 'text', encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { kind: 'text', encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { kind: 'text', encoding: 'utf-16be', bomLength: 2 };
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return { kind: 'binary', what: 'zip' };
  if (head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) return { kind: 'binary', what: 'pdf' };

  const sample = head.subarray(0, 4096);
  let zerosEven = 0;
  let zerosOdd = 0;
  for (let i = 0; i < sample.length; i++) if (sample[i] === 0) i % 2 === 0 ? zerosEven++ : zerosOdd++;
  const half = Math.max(1, sample.length / 2);
  if (zerosOdd / half > 0.3 && zerosEven / half < 0.05) return { kind: 'text', encoding: 'utf-16le', bomLength: 0 };
  if (zerosEven / half > 0.3 && zerosOdd / half < 0.05) return { kind: 'text', encoding: 'utf-16be', bomLength: 0 };
  if (zerosEven + zerosOdd > 0) return { kind: 'binary', what: 'unknown' };
  if (declared) return { kind: 'text', encoding: declared, bomLength: 0 };

  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: !complete });
    return { kind: 'text', encoding: 'utf-8', bomLength: 0 };
  } catch {
    return { kind: 'text', encoding: 'windows-1252', bomLength: 0 };
  }
}
