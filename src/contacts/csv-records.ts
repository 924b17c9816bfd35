/** A CSV record grew past the cap: an endless line, or a quote left open. */
export class RecordTooLong extends Error {
  constructor(readonly line: number) {
    super(`record starting on line ${line} is too long`);
  }
}

/**
 * Cuts streamed CSV text at record boundaries, following quotes the way the parser reads them (a
 * quote opens a quoted field only at the start of a field; `""` inside one is a quote). Each call
 * answers the complete records so far and keeps the unfinished one, which may never grow past
 * `maxRecordChars`. The parser then sees whole records only and never reads anything twice, so the
 * cost stays linear however the file is cut; and a 50 MB line is refused after 64 KiB, not parsed.
 */
export class CsvRecordSplitter {
  private tail = '';
  private state: 'start' | 'plain' | 'quoted' | 'quote_in_quoted' = 'start';
  private linesBefore = 0;
  private readonly special: RegExp;
  private readonly terminator: string;

  constructor(
    private readonly delimiter: string,
    newline: '\n' | '\r\n' | '\r',
    private readonly maxRecordChars: number,
  ) {
    this.terminator = newline === '\r' ? '\r' : '\n';
    const escaped = (c: string) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r' : c);
    this.special = new RegExp(`["${escaped(delimiter)}${escaped(this.terminator)}]`, 'g');
  }

  /** The complete records in what has arrived so far, ending with their terminator ('' if none). */
  push(text: string): string {
    const buffer = this.tail + text;
    let i = this.tail.length;
    let cut = 0;
    const length = buffer.length;
    while (i < length) {
      if (this.state === 'quoted') {
        const quote = buffer.indexOf('"', i);
        if (quote < 0) break;
        this.state = 'quote_in_quoted';
        i = quote + 1;
        continue;
      }
      this.special.lastIndex = i;
      const match = this.special.exec(buffer);
      if (!match) {
        if (this.state !== 'plain') this.state = 'plain';
        break;
      }
      const at = match.index;
      if (at > i && this.state !== 'plain') this.state = 'plain';
      const c = buffer[at];
      if (c === this.terminator) {
        this.state = 'start';
        cut = at + 1;
      } else if (c === this.delimiter) {
        this.state = 'start';
      } else if (this.state === 'start' || this.state === 'quote_in_quoted') {
        this.state = 'quoted';
      }
      i = at + 1;
    }
    const complete = buffer.slice(0, cut);
    this.tail = buffer.slice(cut);
    this.linesBefore += count(complete, '\n');
    if (this.tail.length > this.maxRecordChars) throw new RecordTooLong(this.linesBefore + 1);
    return complete;
  }

  /** What is left at the end of the file: the last record, when it has no terminator. */
  end(): string {
    const rest = this.tail;
    this.tail = '';
    return rest;
  }
}

function count(text: string, c: string): number {
  let n = 0;
  for (let i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + 1)) n++;
  return n;
}

/** The line break a file uses, from its first one. */
export function sniffNewline(text: string): '\n' | '\r\n' | '\r' {
  const at = text.search(/[\r\n]/);
  if (at < 0 || text[at] === '\n') return '\n';
  return text[at + 1] === '\n' ? '\r\n' : '\r';
}
