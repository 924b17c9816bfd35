import { describe, expect, it } from 'vitest';
import { normaliseText } from '../../src/domain/text.js';

describe('normaliseText: one-line fields (names, headlines)', () => {
  it.each([
    ['zero-width spaces only', '\u200B\u200B'],
    ['joiners, word joiner, BOM only', '\u200D\u2060\uFEFF'],
    ['a soft hyphen and a combining grapheme joiner only', '\u00AD\u034F'],
    ['Hangul fillers and a braille blank only', '\u3164\u115F\u2800'],
    ['a NEL', 'Ada\u0085Lovelace'],
    ['a line separator', 'Ada\u2028Lovelace'],
    ['a newline', 'Ada\nLovelace'],
    ['a lone surrogate', 'Ada\uD800'],
    ['a bidi override', 'Ada\u202E'],
    ['a bidi isolate', 'Ada\u2067'],
  ])('refuses a name with %s', (_label, raw) => {
    expect(normaliseText(raw, 'line').ok).toBe(false);
  });

  it.each([
    ['plain', ' Ada Lovelace ', 'Ada Lovelace'],
    ['an emoji with joiners', 'Ada \u{1F469}\u200D\u{1F4BB}', 'Ada \u{1F469}\u200D\u{1F4BB}'],
    ['a Persian ZWNJ', 'می\u200Cخواهم', 'می\u200Cخواهم'],
    ['empty', '   ', ''],
  ])('accepts and trims %s', (_label, raw, expected) => {
    expect(normaliseText(raw, 'line')).toEqual({ ok: true, text: expected });
  });
});

describe('normaliseText: running text (notes, replies, messages)', () => {
  it('drops controls, folds CRLF and tab, refuses invisible-only text', () => {
    expect(normaliseText('a\r\nb\tc\u0085', 'multiline')).toEqual({ ok: true, text: 'a\nb c' });
    expect(normaliseText('\u200B\n\u2060', 'multiline').ok).toBe(false);
    expect(normaliseText('\u202Ehi', 'multiline').ok).toBe(false);
  });
});
