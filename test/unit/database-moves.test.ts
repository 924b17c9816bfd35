import { describe, expect, it } from 'vitest';
import { dependencyOrder } from '../../src/db/copy-to-postgres.js';
import { backoffDelay, isTransientConnectionError } from '../../src/db/wait-for-database.js';

describe('dependencyOrder', () => {
  it('puts every table after the tables it refers to, ignoring references to itself', () => {
    const order = dependencyOrder(['messages', 'members', 'connections', 'threads'], [
      { child: 'members', parent: 'members' },
      { child: 'connections', parent: 'members' },
      { child: 'messages', parent: 'threads' },
      { child: 'threads', parent: 'members' },
    ]);
    expect(order.indexOf('members')).toBe(0);
    expect(order.indexOf('threads')).toBeLessThan(order.indexOf('messages'));
    expect(order).toHaveLength(4);
  });

  it('refuses a cycle instead of copying in an order that cannot work', () => {
    expect(() => dependencyOrder(['a', 'b'], [{ child: 'a', parent: 'b' }, { child: 'b', parent: 'a' }])).toThrow(/cycle/);
  });
});

describe('waiting for the database', () => {
  it('waits 0.5 s, then twice as long each time, at most 10 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((attempt) => backoffDelay(attempt))).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('tries again only when PostgreSQL is not up yet, not when it refuses', () => {
    expect(isTransientConnectionError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransientConnectionError(new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]))).toBe(true);
    expect(isTransientConnectionError(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    expect(isTransientConnectionError(Object.assign(new Error('password authentication failed'), { code: '28P01' }))).toBe(false);
  });
});
