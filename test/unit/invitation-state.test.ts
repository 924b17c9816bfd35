import { describe, expect, it } from 'vitest';
import { nextStatus, statusesAllowing, type InvitationAction } from '../../src/domain/invitation-state.js';
import type { InvitationStatus } from '../../src/db/schema.js';
import { ALL_STATUSES } from './fixtures.js';

const ACTIONS = ['accept', 'ignore', 'decline', 'report', 'withdraw', 'expire'] as const satisfies readonly InvitationAction[];

const TARGET: Record<InvitationAction, InvitationStatus> = {
  accept: 'accepted',
  ignore: 'ignored',
  decline: 'declined',
  report: 'reported',
  withdraw: 'withdrawn',
  expire: 'expired',
};

/**
 * The whole table, every action × every status. `pending` and the silently `ignored` state are the
 * open states (the sender still sees an ignored invitation as pending): from `pending` every action
 * is allowed; from `ignored` everything but a second ignore — the sender may still withdraw it, it
 * expires like a pending one (else expiry would betray the ignore), a crossing invitation accepts it,
 * and the recipient may still decline or report it. Every other status is final.
 */
const EXPECTED: Record<InvitationStatus, Record<InvitationAction, InvitationStatus | null>> = {
  pending: { accept: 'accepted', ignore: 'ignored', decline: 'declined', report: 'reported', withdraw: 'withdrawn', expire: 'expired' },
  ignored: { accept: 'accepted', ignore: null, decline: 'declined', report: 'reported', withdraw: 'withdrawn', expire: 'expired' },
  accepted: { accept: null, ignore: null, decline: null, report: null, withdraw: null, expire: null },
  declined: { accept: null, ignore: null, decline: null, report: null, withdraw: null, expire: null },
  reported: { accept: null, ignore: null, decline: null, report: null, withdraw: null, expire: null },
  withdrawn: { accept: null, ignore: null, decline: null, report: null, withdraw: null, expire: null },
  expired: { accept: null, ignore: null, decline: null, report: null, withdraw: null, expire: null },
};

const rows = ALL_STATUSES.flatMap((status) => ACTIONS.map((action) => ({ status, action, to: EXPECTED[status][action] })));

describe('invitation transition table', () => {
  it('covers every action and every status', () => {
    expect(rows).toHaveLength(ALL_STATUSES.length * ACTIONS.length);
  });

  it.each(rows.filter((row) => row.to !== null))('a $status invitation may be $action-ed and becomes $to', ({ status, action, to }) => {
    expect(nextStatus(status, action)).toBe(to);
  });

  it.each(rows.filter((row) => row.to === null))('a $status invitation may not be $action-ed', ({ status, action }) => {
    expect(nextStatus(status, action)).toBeNull();
  });

  it.each(ACTIONS)('an allowed %s always leads to its own status', (action) => {
    for (const status of ALL_STATUSES) {
      const to = nextStatus(status, action);
      if (to !== null) expect(to).toBe(TARGET[action]);
    }
  });

  it.each(ACTIONS)('statusesAllowing(%s) lists exactly the statuses nextStatus allows it from', (action) => {
    const allowed = ALL_STATUSES.filter((status) => nextStatus(status, action) !== null);
    expect([...statusesAllowing(action)].sort()).toEqual([...allowed].sort());
  });

  it('a recipient cannot ignore an invitation twice', () => {
    expect(nextStatus('ignored', 'ignore')).toBeNull();
  });

  it('no action leads back to pending', () => {
    for (const status of ALL_STATUSES) for (const action of ACTIONS) expect(nextStatus(status, action)).not.toBe('pending');
  });
});
