/** Where the addresses and names are in a CSV export, found from its header row. */
export type CsvFormat = 'linkedin' | 'google' | 'outlook' | 'generic';

export interface CsvLayout {
  format: CsvFormat;
  /** Columns holding addresses, in order of preference. */
  emailColumns: number[];
  /** A column with the whole name, when the export has one. */
  fullNameColumn: number | null;
  /** First, middle and last name columns, joined with spaces when there is no full name. */
  namePartColumns: number[];
}

function headerKey(cell: string): string {
  return cell.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s+/g, ' ');
}

const GENERIC_EMAIL = /^(e-?mail|mail|e-?mail address|email\s?address|e-?mail \d+|e-?mail \d+ address|primary e-?mail)$/;
const FULL_NAME = ['name', 'full name', 'display name', 'contact name'];
const FIRST = ['first name', 'given name', 'firstname', 'first'];
const MIDDLE = ['middle name', 'additional name'];
const LAST = ['last name', 'family name', 'surname', 'lastname', 'last'];

/**
 * Recognises LinkedIn (`Email Address`, `Connected On`), Google (`E-mail 1 - Value`, …) and Outlook
 * (`E-mail Address`, `E-mail 2 Address`, …) exports, and any file with an email column. `null`
 * when the row is not a header (LinkedIn exports start with a few lines of notes).
 */
export function detectCsvLayout(row: readonly string[]): CsvLayout | null {
  const keys = row.map(headerKey);
  const find = (names: readonly string[]) => {
    for (const name of names) {
      const index = keys.indexOf(name);
      if (index >= 0) return index;
    }
    return -1;
  };
  const all = (test: (key: string) => boolean) => keys.flatMap((key, index) => (test(key) ? [index] : []));
  const parts = [find(FIRST), find(MIDDLE), find(LAST)].filter((index) => index >= 0);
  const fullName = find(FULL_NAME);

  const googleEmails = all((key) => /^e-mail \d+ - value$/.test(key));
  if (googleEmails.length > 0) {
    return { format: 'google', emailColumns: googleEmails, fullNameColumn: fullName >= 0 ? fullName : null, namePartColumns: parts };
  }
  const outlookEmails = all((key) => /^e-mail( \d+)? address$/.test(key));
  if (outlookEmails.length > 0 && (keys.includes('e-mail 2 address') || keys.includes('e-mail display name'))) {
    return { format: 'outlook', emailColumns: outlookEmails, fullNameColumn: null, namePartColumns: parts };
  }
  const linkedinEmail = keys.indexOf('email address');
  if (linkedinEmail >= 0 && keys.includes('connected on')) {
    return { format: 'linkedin', emailColumns: [linkedinEmail], fullNameColumn: null, namePartColumns: parts };
  }
  const emails = all((key) => GENERIC_EMAIL.test(key));
  if (emails.length > 0) return { format: 'generic', emailColumns: emails, fullNameColumn: fullName >= 0 ? fullName : null, namePartColumns: parts };
  return null;
}

/** The raw name and address cells of one data row. */
export function cellsOf(layout: CsvLayout, row: readonly string[]): { name: string; emailCells: string[] } {
  const cell = (index: number) => (row[index] ?? '').trim();
  const full = layout.fullNameColumn === null ? '' : cell(layout.fullNameColumn);
  const name = full || layout.namePartColumns.map(cell).filter(Boolean).join(' ');
  return { name, emailCells: layout.emailColumns.map(cell).filter(Boolean) };
}

/**
 * The field delimiter, from the first line that looks like a header (it names an email column):
 * Outlook in many European locales writes `;`, some tools tab-separate.
 */
export function sniffDelimiter(text: string): ',' | ';' | '\t' {
  const lines = text.split(/\r\n|\n|\r/, 50);
  const header = lines.find((line) => /e-?mail/i.test(line)) ?? lines[0] ?? '';
  const count = (d: string) => header.split(d).length - 1;
  const candidates = [',', ';', '\t'] as const;
  let best: ',' | ';' | '\t' = ',';
  for (const candidate of candidates) if (count(candidate) > count(best)) best = candidate;
  return best;
}
