/** One contact card as read from a vCard file. */
export interface VCard {
  /** 1-based position of the card in the file. */
  index: number;
  /** Line on which `BEGIN:VCARD` stood. */
  line: number;
  name: string;
  emails: string[];
  /** A name or address property was longer than the cap (it was not kept). */
  tooLong: boolean;
}

const KEPT = new Set(['BEGIN', 'END', 'FN', 'N', 'EMAIL']);
const MAX_NAME_CHARS = 256;
const LINE_BREAK = /[\r\n]/g;

/**
 * Reads vCard 3.0 and 4.0 (RFC 2426, RFC 6350) as a stream of text: unfolds lines, keeps FN, N and
 * EMAIL and skips every other property without holding it — a card with a 20 MB PHOTO costs the
 * time to scan past it, not the memory. Quoted-printable (vCard 2.1) values are taken as they are.
 */
export class VCardReader {
  private mode: 'name' | 'keep' | 'skip' = 'name';
  private buffer = '';
  private overflowed = false;
  private afterBreak = false;
  private sawCR = false;
  private lineNo = 1;
  private logicalLine = 1;
  private depth = 0;
  private card: VCard | null = null;
  private cards = 0;

  constructor(
    private readonly maxPropertyChars: number,
    private readonly onCard: (card: VCard) => void,
  ) {}

  push(text: string): void {
    let i = 0;
    const length = text.length;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (this.afterBreak) {
        if (c === 10 && this.sawCR) {
          this.sawCR = false;
          i++;
          continue;
        }
        this.sawCR = false;
        this.afterBreak = false;
        if (c === 32 || c === 9) {
          i++; // a folded line goes on: drop the break and the one space
          continue;
        }
        this.finishLine();
        this.logicalLine = this.lineNo;
      }
      if (c === 13 || c === 10) {
        this.afterBreak = true;
        this.sawCR = c === 13;
        this.lineNo++;
        i++;
        continue;
      }
      LINE_BREAK.lastIndex = i;
      const end = LINE_BREAK.exec(text)?.index ?? length;
      if (this.mode !== 'skip') this.append(text.slice(i, end));
      i = end;
    }
  }

  end(): void {
    this.finishLine();
    if (this.card) this.emit();
  }

  private append(segment: string): void {
    this.buffer += segment;
    if (this.mode === 'name') {
      const stop = this.buffer.search(/[:;]/);
      if (stop >= 0) {
        const name = propertyName(this.buffer.slice(0, stop));
        if (!KEPT.has(name)) {
          this.mode = 'skip';
          this.buffer = '';
          return;
        }
        this.mode = 'keep';
      } else if (this.buffer.length > MAX_NAME_CHARS) {
        this.mode = 'skip';
        this.buffer = '';
        return;
      }
    }
    if (this.buffer.length > this.maxPropertyChars) {
      this.overflowed = true;
      this.mode = 'skip';
      this.buffer = '';
    }
  }

  private finishLine(): void {
    const line = this.buffer;
    const overflowed = this.overflowed;
    this.buffer = '';
    this.overflowed = false;
    this.mode = 'name';
    if (overflowed) {
      if (this.card && this.depth === 1) this.card.tooLong = true;
      return;
    }
    if (line.length === 0) return;
    const colon = valueStart(line);
    if (colon < 0) return;
    const name = propertyName(line.slice(0, colon).split(';')[0] ?? '');
    const value = line.slice(colon + 1);
    if (name === 'BEGIN' && value.trim().toUpperCase() === 'VCARD') {
      this.depth++;
      if (this.depth === 1) this.card = { index: ++this.cards, line: this.logicalLine, name: '', emails: [], tooLong: false };
      return;
    }
    if (name === 'END' && value.trim().toUpperCase() === 'VCARD') {
      this.depth = Math.max(0, this.depth - 1);
      if (this.depth === 0 && this.card) this.emit();
      return;
    }
    if (!this.card || this.depth !== 1) return;
    if (name === 'FN') this.card.name = unescapeText(value);
    else if (name === 'N' && this.card.name === '') {
      const [family = '', given = '', additional = ''] = splitUnescaped(value).map(unescapeText);
      this.card.name = [given, additional, family].map((part) => part.trim()).filter(Boolean).join(' ');
    } else if (name === 'EMAIL') this.card.emails.push(unescapeText(value));
  }

  private emit(): void {
    const card = this.card!;
    this.card = null;
    this.onCard(card);
  }
}

/** `item1.EMAIL` → `EMAIL`. */
function propertyName(raw: string): string {
  const dot = raw.lastIndexOf('.');
  return (dot >= 0 ? raw.slice(dot + 1) : raw).trim().toUpperCase();
}

/** Index of the colon that ends the name and parameters (parameter values may be quoted). */
function valueStart(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) return i;
  }
  return -1;
}

function splitUnescaped(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length) {
      current += c + value[i + 1];
      i++;
    } else if (c === ';') {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\,;nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? ' ' : c)).trim();
}
