import { describe, expect, it } from 'vitest';
import { cellsOf, detectCsvLayout, sniffDelimiter } from '../../src/contacts/csv-layout.js';
import { csvCell, csvLine } from '../../src/contacts/csv-export.js';
import { CsvRecordSplitter, RecordTooLong, sniffNewline } from '../../src/contacts/csv-records.js';
import { cleanName, parseContactEmail, splitEmailCell } from '../../src/contacts/email-address.js';
import { charsetOf, sniffEncoding } from '../../src/contacts/encoding.js';
import { VCardReader, type VCard } from '../../src/contacts/vcard-reader.js';

describe('detectCsvLayout', () => {
  it.each([
    ['LinkedIn', 'First Name,Last Name,URL,Email Address,Company,Position,Connected On', 'linkedin', [3]],
    ['Google', 'First Name,Middle Name,Last Name,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value', 'google', [4, 6]],
    ['old Google', 'Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value', 'google', [4]],
    ['Outlook', 'First Name,Middle Name,Last Name,E-mail Address,E-mail 2 Address,E-mail 3 Address', 'outlook', [3, 4, 5]],
    ['any CSV with an email column', 'Full Name,Email', 'generic', [1]],
    ['a BOM and spacing in the header', '\uFEFF Name , E-Mail ', 'generic', [1]],
  ])('recognises %s', (_, header, format, emailColumns) => {
    expect(detectCsvLayout(header.split(','))).toMatchObject({ format, emailColumns });
  });

  it('does not take LinkedIn notes or data for a header', () => {
    expect(detectCsvLayout(['Notes:'])).toBeNull();
    expect(detectCsvLayout(['Ann', 'ann@example.org'])).toBeNull();
  });

  it('builds the name from a full-name column, else from its parts', () => {
    const google = detectCsvLayout(['Name', 'Given Name', 'Family Name', 'E-mail 1 - Value'])!;
    expect(cellsOf(google, ['Ann Archer', 'Ann', 'Archer', 'a@x.org'])).toEqual({ name: 'Ann Archer', emailCells: ['a@x.org'] });
    const linkedin = detectCsvLayout(['First Name', 'Last Name', 'URL', 'Email Address', 'Connected On'])!;
    expect(cellsOf(linkedin, ['Ann', 'Archer', 'u', '', 'd'])).toEqual({ name: 'Ann Archer', emailCells: [] });
  });

  it('finds the delimiter on the header line, after any notes', () => {
    expect(sniffDelimiter('Notes:\n"a, b, c"\n\nFirst Name;Last Name;E-mail Address\n')).toBe(';');
    expect(sniffDelimiter('Name\tEmail\n')).toBe('\t');
    expect(sniffDelimiter('Name,Email\n')).toBe(',');
    expect(sniffNewline('a\r\nb')).toBe('\r\n');
    expect(sniffNewline('a\rb')).toBe('\r');
    expect(sniffNewline('a\nb')).toBe('\n');
  });
});

describe('CsvRecordSplitter', () => {
  it('hands over whole records only, however the text is cut, quotes and doubled quotes included', () => {
    const text = 'a,"b\nc",d\n"e ""f"", g",h\ni,j\n';
    for (let cut = 1; cut < text.length; cut++) {
      const splitter = new CsvRecordSplitter(',', '\n', 1000);
      const out = splitter.push(text.slice(0, cut)) + splitter.push(text.slice(cut)) + splitter.end();
      expect(out).toBe(text);
      const partial = new CsvRecordSplitter(',', '\n', 1000).push(text.slice(0, cut));
      expect(['', 'a,"b\nc",d\n', 'a,"b\nc",d\n"e ""f"", g",h\n', text]).toContain(partial);
    }
  });

  it('treats a quote inside an unquoted field as text, as the parser does', () => {
    expect(new CsvRecordSplitter(',', '\n', 1000).push('ab"c,d\ne,f\n')).toBe('ab"c,d\ne,f\n');
  });

  it('refuses a record longer than the cap: an endless line, or an unclosed quote', () => {
    expect(() => new CsvRecordSplitter(',', '\n', 10).push('x'.repeat(11))).toThrow(RecordTooLong);
    const splitter = new CsvRecordSplitter(',', '\n', 10);
    expect(splitter.push('n,e\na,"b\n')).toBe('n,e\n');
    try {
      splitter.push('c,d\ne,f\n');
      expect.unreachable();
    } catch (error) {
      expect((error as RecordTooLong).line).toBe(2);
    }
  });
});

describe('VCardReader', () => {
  const read = (text: string, chunk = text.length, max = 1000) => {
    const cards: VCard[] = [];
    const reader = new VCardReader(max, (card) => cards.push(card));
    for (let i = 0; i < text.length; i += chunk) reader.push(text.slice(i, i + chunk));
    reader.end();
    return cards;
  };
  const sample = ['BEGIN:VCARD', 'VERSION:4.0', 'N:Doe;John;Q;;', 'FN:John', '  Doe', 'PHOTO:data:image/jpeg;base64,' + 'A'.repeat(5000), 'item1.EMAIL;TYPE="work,pref":john@x.org', 'EMAIL:jo\\,hn@y.org', 'END:VCARD', ''].join('\r\n');

  it('unfolds lines, keeps FN and every EMAIL, and skips other properties, in any chunking', () => {
    for (const chunk of [1, 2, 7, 64, sample.length]) {
      expect(read(sample, chunk)).toEqual([{ index: 1, line: 1, name: 'John Doe', emails: ['john@x.org', 'jo,hn@y.org'], tooLong: false }]);
    }
  });

  it('builds the name from N when there is no FN, and reads LF-only files', () => {
    expect(read('BEGIN:VCARD\nN:Roe;Jane;;Dr.;\nEMAIL:j@x.org\nEND:VCARD\n')[0]).toMatchObject({ name: 'Jane Roe', emails: ['j@x.org'] });
  });

  it('marks a card whose kept property is over the cap, and never holds it', () => {
    const cards = read(`BEGIN:VCARD\r\nFN:${'N'.repeat(5000)}\r\nEMAIL:a@b.org\r\nEND:VCARD\r\n`, 100, 1000);
    expect(cards[0]).toMatchObject({ tooLong: true, emails: ['a@b.org'] });
  });
});

describe('sniffEncoding', () => {
  it.each([
    ['UTF-8 BOM', [0xef, 0xbb, 0xbf, 0x41], { kind: 'text', encoding: 'utf-8', bomLength: 3 }],
    ['UTF-16LE BOM', [0xff, 0xfe, 0x41, 0], { kind: 'text', encoding: 'utf-16le', bomLength: 2 }],
    ['UTF-16BE BOM', [0xfe, 0xff, 0, 0x41], { kind: 'text', encoding: 'utf-16be', bomLength: 2 }],
    ['UTF-16LE without BOM', [...Buffer.from('Name,Email', 'utf16le')], { kind: 'text', encoding: 'utf-16le', bomLength: 0 }],
    ['UTF-8', [...Buffer.from('Zoë,z@x.org')], { kind: 'text', encoding: 'utf-8', bomLength: 0 }],
    ['Latin-1', [...Buffer.from('Zoë,z@x.org', 'latin1')], { kind: 'text', encoding: 'windows-1252', bomLength: 0 }],
    ['a ZIP (xlsx)', [0x50, 0x4b, 3, 4, 1], { kind: 'binary', what: 'zip' }],
    ['binary with NULs', [1, 0, 0, 0, 7, 0, 0, 9], { kind: 'binary', what: 'unknown' }],
  ])('%s', (_, bytes, expected) => {
    expect(sniffEncoding(Uint8Array.from(bytes), true)).toEqual(expected);
  });

  it('does not mistake a UTF-8 character cut at the end of the sniffed bytes for Latin-1', () => {
    const bytes = Buffer.from('abc é');
    expect(sniffEncoding(bytes.subarray(0, bytes.length - 1), false)).toMatchObject({ encoding: 'utf-8' });
  });

  it('reads a charset parameter', () => {
    expect(charsetOf('text/csv; charset=ISO-8859-1')).toBe('windows-1252');
    expect(charsetOf('text/csv')).toBeUndefined();
  });
});

describe('contact addresses and names', () => {
  it.each([
    ['ann@example.org', 'ann@example.org'],
    ['  Ann@Example.ORG ', 'ann@example.org'],
    ['Ann Archer <ann@example.org>', 'ann@example.org'],
    ['mailto:ann@example.org', 'ann@example.org'],
  ])('takes %j', (raw, normalized) => {
    expect(parseContactEmail(raw, 254)).toMatchObject({ ok: true, normalized });
  });

  it.each(['ann', 'ann@', '@example.org', 'ann@example', 'a b@example.org', 'ann@exa mple.org', 'ann@-x.org', 'ann@x..org', 'a\ufffd@x.org'])('refuses %j', (raw) => {
    expect(parseContactEmail(raw, 254)).toEqual({ ok: false, reason: 'invalid_email' });
  });

  it('refuses an address over the length cap as too long', () => {
    expect(parseContactEmail(`${'a'.repeat(250)}@x.org`, 254)).toEqual({ ok: false, reason: 'field_too_long' });
  });

  it('splits Google multi-address cells and cleans names', () => {
    expect(splitEmailCell('a@x.org ::: b@x.org :::  ')).toEqual(['a@x.org', 'b@x.org']);
    expect(cleanName(' Ann\u202e\tArcher\u0000 ')).toBe('Ann Archer');
  });
});

describe('csvCell', () => {
  it.each([
    ['plain', '"plain"'],
    ['with "quotes", and commas', '"with ""quotes"", and commas"'],
    ['line\nbreak', '"line\nbreak"'],
    ['=SUM(A1:A2)', `"'=SUM(A1:A2)"`],
    ['+1 555', `"'+1 555"`],
    ['-2', `"'-2"`],
    ['@cmd', `"'@cmd"`],
    ['\t=x', `"'\t=x"`],
    ['＝1+1', `"'＝1+1"`],
    ['a=b', '"a=b"'],
  ])('%j → %s', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('ends lines with CRLF', () => {
    expect(csvLine(['a', 'b'])).toBe('"a","b"\r\n');
  });
});
