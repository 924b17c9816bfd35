import { describe, expect, it } from 'vitest';
import { checkNote, checkReply, countGraphemes } from '../../src/domain/note.js';
import { defaultPolicy } from '../../src/domain/policy.js';
import { policyWith } from './fixtures.js';

const FAMILY = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}'; // 👨‍👩‍👧‍👦, 7 code units
const E_ACUTE_COMBINING = 'e\u0301'; // é as e + combining acute
const FLAG = '\u{1F1EB}\u{1F1F7}'; // 🇫🇷, two regional indicators
const THUMBS_UP_DARK = '\u{1F44D}\u{1F3FF}'; // 👍🏿, emoji + skin tone modifier
const HANGUL_JAMO = '\u1100\u1161\u11A8'; // 각 as three conjoining jamo

const max = defaultPolicy.noteMaxLength;

describe('checkNote: length is counted in graphemes, as a member sees it', () => {
  it.each([
    ['family emoji sequences', FAMILY],
    ['letters with combining accents', E_ACUTE_COMBINING],
    ['flags', FLAG],
    ['emoji with skin tone', THUMBS_UP_DARK],
    ['conjoining Hangul jamo', HANGUL_JAMO],
    ['plain ASCII letters', 'a'],
  ])('a note of noteMaxLength %s counts as noteMaxLength and is accepted', (_label, unit) => {
    const raw = unit.repeat(max);
    expect(countGraphemes(raw)).toBe(max);
    expect(checkNote(raw, defaultPolicy)).toEqual({ ok: true, note: raw });
  });

  it.each([
    ['family emoji sequences', FAMILY],
    ['letters with combining accents', E_ACUTE_COMBINING],
    ['flags', FLAG],
    ['plain ASCII letters', 'a'],
  ])('a note one grapheme over noteMaxLength (%s) is refused with its length and the max', (_label, unit) => {
    expect(checkNote(unit.repeat(max + 1), defaultPolicy)).toEqual({ ok: false, code: 'note_too_long', length: max + 1, max });
  });

  it('the limit is the policy\'s noteMaxLength, not a fixed number', () => {
    const policy = policyWith({ noteMaxLength: 5 });
    expect(checkNote('a'.repeat(policy.noteMaxLength), policy).ok).toBe(true);
    expect(checkNote('a'.repeat(policy.noteMaxLength + 1), policy)).toEqual({
      ok: false,
      code: 'note_too_long',
      length: policy.noteMaxLength + 1,
      max: policy.noteMaxLength,
    });
  });

  it('surrounding whitespace is trimmed before the length is counted', () => {
    const body = 'a'.repeat(max);
    expect(checkNote(`   ${body}\n\n `, defaultPolicy)).toEqual({ ok: true, note: body });
  });

  it('stripped control characters do not count towards the length', () => {
    const body = 'a'.repeat(max);
    expect(checkNote(`${body}\u0000\u0007`, defaultPolicy)).toEqual({ ok: true, note: body });
  });

  it('a CRLF line break counts as one character', () => {
    const body = `${'a'.repeat(max - 2)}\r\nb`;
    expect(checkNote(body, defaultPolicy)).toEqual({ ok: true, note: `${'a'.repeat(max - 2)}\nb` });
  });
});

describe('checkNote: cleaning', () => {
  it.each([
    ['CRLF becomes LF', 'Hello\r\nthere', 'Hello\nthere'],
    ['a lone CR becomes LF', 'Hello\rthere', 'Hello\nthere'],
    ['several CRLFs all become LF', 'a\r\nb\r\nc', 'a\nb\nc'],
    ['LF is kept', 'a\nb', 'a\nb'],
    ['a tab becomes a space', 'a\tb', 'a b'],
    ['NUL is stripped', 'a\u0000b', 'ab'],
    ['BEL is stripped', 'a\u0007b', 'ab'],
    ['backspace is stripped', 'a\u0008b', 'ab'],
    ['vertical tab and form feed are stripped', 'a\u000B\u000Cb', 'ab'],
    ['ESC (terminal escape sequences) is stripped', 'a\u001B[31mb', 'a[31mb'],
    ['DEL is stripped', 'a\u007Fb', 'ab'],
    ['C1 controls are stripped', 'a\u0080\u0085\u009Fb', 'ab'],
    ['letters, accents and emoji are kept', `Caf${E_ACUTE_COMBINING} ${FAMILY}`, `Caf${E_ACUTE_COMBINING} ${FAMILY}`],
    ['surrounding whitespace is trimmed', '  hi there \n', 'hi there'],
  ])('%s', (_label, raw, expected) => {
    expect(checkNote(raw, defaultPolicy)).toEqual({ ok: true, note: expected });
  });
});

describe('checkNote: no note', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an empty string', ''],
    ['spaces only', '    '],
    ['blank lines only', '\r\n\n\r\n'],
    ['tabs and spaces only', '\t \t'],
    ['control characters only', '\u0000\u0007\u007F'],
  ])('a note that is %s means no note', (_label, raw) => {
    expect(checkNote(raw, defaultPolicy)).toEqual({ ok: true, note: null });
  });
});

describe('checkNote: refused text', () => {
  it.each([
    ['LEFT-TO-RIGHT EMBEDDING', '\u202A'],
    ['RIGHT-TO-LEFT EMBEDDING', '\u202B'],
    ['POP DIRECTIONAL FORMATTING', '\u202C'],
    ['LEFT-TO-RIGHT OVERRIDE', '\u202D'],
    ['RIGHT-TO-LEFT OVERRIDE', '\u202E'],
    ['LEFT-TO-RIGHT ISOLATE', '\u2066'],
    ['RIGHT-TO-LEFT ISOLATE', '\u2067'],
    ['FIRST STRONG ISOLATE', '\u2068'],
    ['POP DIRECTIONAL ISOLATE', '\u2069'],
  ])('a note with a bidi control (%s) is refused as invalid', (_label, control) => {
    const result = checkNote(`Click here ${control}gnp.exe`, defaultPolicy);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ code: 'note_invalid' });
  });

  it.each([
    ['a lone high surrogate', 'hello \uD83D'],
    ['a lone low surrogate', 'hello \uDE00'],
    ['a high surrogate followed by a letter', 'a\uD83Db'],
    ['a reversed surrogate pair', '\uDE00\uD83D'],
    ['a lone surrogate that would otherwise be only whitespace', ' \uD800 '],
  ])('a note with %s is refused as invalid', (_label, raw) => {
    const result = checkNote(raw, defaultPolicy);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ code: 'note_invalid' });
  });

  it('a proper surrogate pair (an emoji outside the BMP) is accepted', () => {
    expect(checkNote('\uD83D\uDE00', defaultPolicy)).toEqual({ ok: true, note: '\u{1F600}' });
  });

  it('an invalid note is refused even when it is also too long', () => {
    expect(checkNote(`${'a'.repeat(max + 1)}\u202E`, defaultPolicy)).toMatchObject({ ok: false, code: 'note_invalid' });
  });
});

describe('checkReply: a reply on an invitation is capped by replyMaxLength', () => {
  it('a reply of replyMaxLength characters is accepted, one more is too long', () => {
    const max = defaultPolicy.replyMaxLength;
    expect(checkReply('a'.repeat(max), defaultPolicy)).toMatchObject({ ok: true });
    expect(checkReply('a'.repeat(max + 1), defaultPolicy)).toEqual({ ok: false, code: 'note_too_long', length: max + 1, max });
  });

  it('a changed replyMaxLength changes the cap, and noteMaxLength does not', () => {
    const policy = policyWith({ replyMaxLength: 10, noteMaxLength: 1 });
    expect(checkReply('a'.repeat(10), policy)).toEqual({ ok: true, note: 'a'.repeat(10) });
    expect(checkReply('a'.repeat(11), policy)).toMatchObject({ ok: false, code: 'note_too_long', max: 10 });
  });
});
