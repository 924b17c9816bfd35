import type { Readable } from 'node:stream';
import Papa from 'papaparse';
import { DomainError } from '../domain/errors.js';
import { cellsOf, detectCsvLayout, sniffDelimiter, type CsvFormat, type CsvLayout } from './csv-layout.js';
import { cleanName, parseContactEmail, splitEmailCell } from './email-address.js';
import { sniffEncoding, type TextEncoding } from './encoding.js';
import type { ImportLimits } from './limits.js';
import { CsvRecordSplitter, RecordTooLong, sniffNewline } from './csv-records.js';
import { Pacer } from './pacer.js';
import { VCardReader } from './vcard-reader.js';

export type ContactFileFormat = CsvFormat | 'vcard';
export type RowRejection = 'missing_email' | 'invalid_email' | 'field_too_long';

/** One address found in the file, with the name beside it. */
export interface ContactCandidate {
  /** CSV: the record's position in the file (the header and any notes above it count). vCard: the card's position. */
  row: number;
  email: string;
  normalized: string;
  name: string;
}

export interface RowProblem {
  row: number;
  reason: string;
  /** The offending value, shortened. */
  value?: string;
}

/** A contact file read to the end, every cap respected; nothing is stored yet. */
export interface ContactFile {
  kind: 'contact-file';
  format: ContactFileFormat;
  encoding: TextEncoding;
  /** Data rows (or cards) read. */
  rows: number;
  candidates: ContactCandidate[];
  /** The first `maxListedProblems` rejected rows; `rejectedCount` counts them all. */
  rejected: RowProblem[];
  rejectedCount: number;
}

export function isContactFile(value: unknown): value is ContactFile {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'contact-file';
}

const MiB = 1024 * 1024;
/** Bytes parsed between chances for other requests to run (a test's or a proxy's upload may come as one 10 MiB chunk). */
const SLICE_BYTES = 64 * 1024;

function shorten(value: string): string {
  return value.length > 100 ? `${value.slice(0, 100)}…` : value;
}

/** Rows turned into candidates and rejections, under the row cap. */
class Collector {
  rows = 0;
  readonly candidates: ContactCandidate[] = [];
  readonly rejected: RowProblem[] = [];
  rejectedCount = 0;

  constructor(private readonly limits: ImportLimits) {}

  add(row: number, rawName: string, emailCells: readonly string[]): void {
    if (++this.rows > this.limits.maxRows) throw tooManyRows(this.limits);
    const emails = emailCells.length === 1 ? splitEmailCell(emailCells[0]!) : emailCells.flatMap(splitEmailCell);
    if (emails.length === 0) return this.reject(row, 'missing_email');
    const name = cleanName(rawName);
    if (name.length > this.limits.maxNameLength) return this.reject(row, 'field_too_long', name);
    for (const raw of emails) {
      const parsed = parseContactEmail(raw, this.limits.maxEmailLength);
      if (!parsed.ok) {
        this.reject(row, parsed.reason, raw);
        continue;
      }
      if (this.candidates.length >= this.limits.maxRows) throw tooManyRows(this.limits);
      this.candidates.push({ row, email: parsed.email, normalized: parsed.normalized, name });
    }
  }

  reject(row: number, reason: RowRejection, value?: string): void {
    this.rejectedCount++;
    if (this.rejected.length < this.limits.maxListedProblems) this.rejected.push({ row, reason, ...(value !== undefined ? { value: shorten(value) } : {}) });
  }
}

function tooManyRows(limits: ImportLimits): DomainError {
  return new DomainError('import_too_many_rows', `A contact file can hold at most ${limits.maxRows.toLocaleString('en')} contacts; split it and import the parts.`, { maxRows: limits.maxRows });
}

function tooLarge(limits: ImportLimits): DomainError {
  return new DomainError('payload_too_large', `A contact file can be at most ${limits.maxBytes / MiB} MiB.`, { maxBytes: limits.maxBytes });
}

function unrecognized(detail: string): DomainError {
  return new DomainError('import_unrecognized', detail, {
    accepted: ['LinkedIn Connections.csv', 'Google Contacts CSV', 'Outlook CSV', 'any CSV with an "Email" column', 'vCard 3.0/4.0'],
  });
}

/** One timer for the whole read: every wait races it, and CPU-bound stretches check it. */
class Deadline {
  private at: number;
  private timer: NodeJS.Timeout;
  private readonly expired: Promise<never>;
  private readonly fire: (error: DomainError) => void;

  constructor(private readonly limits: ImportLimits) {
    this.at = Date.now() + limits.maxMillis;
    let fire!: (error: DomainError) => void;
    this.expired = new Promise<never>((_, reject) => (fire = reject));
    this.expired.catch(() => {});
    this.fire = fire;
    this.timer = setTimeout(() => fire(this.error()), limits.maxMillis);
  }

  /** Time given to other requests (the parser yielding to the event loop) does not count against the file. */
  extend(ms: number): void {
    if (ms <= 0) return;
    this.at += ms;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fire(this.error()), Math.max(0, this.at - Date.now()));
  }

  race<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.expired]);
  }

  check(): void {
    if (Date.now() > this.at) throw this.error();
  }

  clear(): void {
    clearTimeout(this.timer);
  }

  private error(): DomainError {
    return new DomainError('import_timeout', `Reading the file took longer than ${this.limits.maxMillis / 1000} s; try a smaller file or a faster connection.`, {
      maxMillis: this.limits.maxMillis,
    });
  }
}

/**
 * Takes chunks from the request one at a time without ever destroying it: on a refusal we stop
 * reading and answer, and Node discards the rest of the body (or the connection is closed).
 */
function chunksOf(stream: Readable) {
  const queue: Buffer[] = [];
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const onData = (chunk: Buffer | string) => {
    queue.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    stream.pause();
    wake?.();
  };
  const onEnd = () => {
    ended = true;
    wake?.();
  };
  const onError = (error: Error) => {
    failure = error;
    wake?.();
  };
  const onClose = () => {
    if (!ended) failure ??= new Error('The upload was interrupted.');
    wake?.();
  };
  stream.on('data', onData);
  stream.on('end', onEnd);
  stream.on('error', onError);
  stream.on('close', onClose);
  return {
    async next(deadline: Deadline): Promise<Buffer | null> {
      for (;;) {
        const chunk = queue.shift();
        if (chunk) return chunk;
        if (failure) throw failure;
        if (ended) return null;
        const woken = new Promise<void>((resolve) => (wake = resolve));
        stream.resume();
        await deadline.race(woken);
        wake = null;
      }
    },
    release(): void {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('close', onClose);
      stream.pause();
    },
  };
}

interface TextSink {
  write(text: string, deadline: Deadline): Promise<void>;
  end(deadline: Deadline): Promise<void>;
  readonly format: ContactFileFormat;
}

/**
 * CSV: the splitter hands whole records to Papa Parse, which reads each block synchronously; the
 * header is looked for in the first rows (LinkedIn writes notes above it).
 */
function csvSink(head: string, limits: ImportLimits, collector: Collector): TextSink {
  const delimiter = sniffDelimiter(head);
  const newline = sniffNewline(head);
  const splitter = new CsvRecordSplitter(delimiter, newline, limits.maxRecordChars);
  let layout: CsvLayout | null = null;
  let record = 0;

  const parseBlock = (block: string, final: boolean) => {
    if (block === '') return;
    const rows = Papa.parse<string[]>(block, { delimiter, newline, header: false, skipEmptyLines: false, dynamicTyping: false }).data;
    // A block ends with a line break, after which Papa Parse reports one more, empty row.
    if (!final && rows.length > 0 && isEmptyRow(rows[rows.length - 1]!)) rows.pop();
    for (const row of rows) {
      record++;
      if (layout === null) {
        layout = detectCsvLayout(row);
        if (layout === null && record >= limits.headerSearchRows) throw unrecognized(`No header naming an email column in the first ${limits.headerSearchRows} rows.`);
        continue;
      }
      if (isEmptyRow(row)) continue;
      const { name, emailCells } = cellsOf(layout, row);
      collector.add(record, name, emailCells);
    }
  };
  const split = (run: () => string) => {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof RecordTooLong)) throw error;
      throw new DomainError('import_row_too_long', `The record starting on line ${error.line} is longer than ${limits.maxRecordChars.toLocaleString('en')} characters (is a quote left open?).`, {
        line: error.line,
        maxRecordChars: limits.maxRecordChars,
      });
    }
  };
  return {
    get format(): ContactFileFormat {
      return (layout as CsvLayout | null)?.format ?? 'generic';
    },
    async write(text) {
      parseBlock(split(() => splitter.push(text)), false);
    },
    async end() {
      parseBlock(split(() => splitter.end()), true);
      if (layout === null) throw unrecognized(record === 0 ? 'The file is empty.' : 'No header naming an email column was found.');
    },
  };
}

function isEmptyRow(row: readonly string[]): boolean {
  return row.every((cell) => cell.trim() === '');
}

function vcardSink(limits: ImportLimits, collector: Collector): TextSink {
  let cards = 0;
  const reader = new VCardReader(limits.maxRecordChars, (card) => {
    cards++;
    if (card.tooLong) {
      if (++collector.rows > limits.maxRows) throw tooManyRows(limits);
      collector.reject(card.index, 'field_too_long');
      return;
    }
    collector.add(card.index, card.name, card.emails);
  });
  return {
    format: 'vcard',
    async write(text) {
      reader.push(text);
    },
    async end() {
      reader.end();
      if (cards === 0) throw unrecognized('No BEGIN:VCARD card was found.');
    },
  };
}

export interface ReadOptions {
  limits: ImportLimits;
  /** The encoding a `charset=` parameter named; a byte-order mark still wins. */
  declaredEncoding?: TextEncoding | undefined;
}

/**
 * Reads an uploaded contact file as it arrives: the encoding and the format (CSV of LinkedIn,
 * Google or Outlook, or vCard) are told from the first bytes, then the text is parsed chunk by
 * chunk. Any cap (bytes, rows, record length, time) refuses the whole file with a `DomainError`.
 */
export async function readContactFile(source: Readable, options: ReadOptions): Promise<ContactFile> {
  const { limits } = options;
  const deadline = new Deadline(limits);
  const chunks = chunksOf(source);
  const collector = new Collector(limits);
  let sink: TextSink | null = null;
  let decoder = new TextDecoder('utf-8');
  let encoding: TextEncoding = 'utf-8';
  const head: Buffer[] = [];
  let headBytes = 0;
  const pacer = new Pacer();

  /** Decodes and parses `bytes` slice by slice, yielding to the event loop between slices once a slice of time is used. */
  const feed = async (target: TextSink, bytes: Uint8Array, final: boolean) => {
    for (let at = 0; at < bytes.length; at += SLICE_BYTES) {
      const last = at + SLICE_BYTES >= bytes.length;
      await target.write(decoder.decode(bytes.subarray(at, at + SLICE_BYTES), { stream: !(final && last) }), deadline);
      deadline.check();
      deadline.extend(await pacer.pause());
    }
  };

  // The first bytes (or the whole file, if smaller) decide the encoding and the format.
  const open = async (complete: boolean): Promise<TextSink> => {
    const bytes = Buffer.concat(head);
    const sniffed = sniffEncoding(bytes.subarray(0, limits.sniffBytes), complete && bytes.length <= limits.sniffBytes, options.declaredEncoding);
    if (sniffed.kind === 'binary') {
      const what = sniffed.what === 'zip' ? 'a spreadsheet or archive (ZIP)' : sniffed.what === 'pdf' ? 'a PDF' : 'not text';
      throw new DomainError('unsupported_media_type', `This file is ${what}; export your contacts as CSV or vCard.`);
    }
    encoding = sniffed.encoding;
    // The format is told from the first bytes, read with their own decoder; then the whole head is parsed.
    const start = new TextDecoder(encoding).decode(bytes.subarray(0, limits.sniffBytes), { stream: true });
    decoder = new TextDecoder(encoding);
    const opened = /^\s*BEGIN:VCARD/i.test(start) ? vcardSink(limits, collector) : csvSink(start, limits, collector);
    await feed(opened, bytes, complete);
    return opened;
  };

  try {
    let bytes = 0;
    for (let chunk = await chunks.next(deadline); chunk !== null; chunk = await chunks.next(deadline)) {
      bytes += chunk.length;
      if (bytes > limits.maxBytes) throw tooLarge(limits);
      deadline.check();
      if (sink) {
        await feed(sink, chunk, false);
        continue;
      }
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes >= limits.sniffBytes) sink = await open(false);
    }
    if (!sink) {
      if (headBytes === 0) throw unrecognized('The file is empty.');
      sink = await open(true);
    } else {
      const rest = decoder.decode();
      if (rest) await sink.write(rest, deadline);
    }
    await sink.end(deadline);
    deadline.check();
    return {
      kind: 'contact-file',
      format: sink.format,
      encoding,
      rows: collector.rows,
      candidates: collector.candidates,
      rejected: collector.rejected,
      rejectedCount: collector.rejectedCount,
    };
  } finally {
    deadline.clear();
    chunks.release();
  }
}
