import { describe, expect, it } from 'vitest';
import { decideManager } from '../../src/domain/manager.js';

describe('who a member may name as their manager', () => {
  it('another person they can see', () => {
    expect(decideManager(1, 2, { visible: true, kind: 'person' })).toEqual({ ok: true });
  });
  it('never themselves, nobody hidden by a block or missing, never a company page', () => {
    expect(decideManager(1, 1, { visible: true, kind: 'person' })).toMatchObject({ ok: false, reason: 'you cannot be your own manager' });
    expect(decideManager(1, 2, { visible: false, kind: null })).toMatchObject({ ok: false, reason: 'no such member' });
    expect(decideManager(1, 2, { visible: false, kind: 'person' })).toMatchObject({ ok: false, reason: 'no such member' });
    expect(decideManager(1, 2, { visible: true, kind: 'company' })).toMatchObject({ ok: false });
  });
});
