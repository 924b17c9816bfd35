import { describe, expect, it } from 'vitest';
import { quickAnswers } from '../../src/domain/invitation-answers.js';
import type { InvitationStatus } from '../../src/domain/invitation.js';

describe('quick answers where the invitation is seen (the bell)', () => {
  it.each<[InvitationStatus, string[]]>([
    ['pending', ['accept', 'ignore']],
    ['ignored', []],
    ['accepted', []],
    ['declined', []],
    ['reported', []],
    ['withdrawn', []],
    ['expired', []],
  ])('%s offers %j', (status, answers) => {
    expect(quickAnswers(status)).toEqual(answers);
  });
});
