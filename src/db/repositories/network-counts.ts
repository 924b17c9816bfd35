import { READS_PENDING_TO_SENDER } from '../../domain/invitation-state.js';
import type { Executor } from '../database.js';

export interface NetworkCountRows {
  pendingReceived: number;
  pendingSent: number;
  connections: number;
}

/**
 * The totals of the three My Network lists, counted with the same conditions the lists use:
 * received pending, sent and not hidden that still read pending to the sender, and connections.
 */
export async function countNetwork(db: Executor, memberId: number): Promise<NetworkCountRows> {
  const [received, sent, connections] = await Promise.all([
    db
      .selectFrom('invitations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('recipient_id', '=', memberId)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('invitations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('sender_id', '=', memberId)
      .where('sender_hidden', '=', false)
      .where('status', 'in', [...READS_PENDING_TO_SENDER])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('connections')
      .innerJoin('members', 'members.id', 'connections.other_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('connections.member_id', '=', memberId)
      .executeTakeFirstOrThrow(),
  ]);
  return { pendingReceived: Number(received.n), pendingSent: Number(sent.n), connections: Number(connections.n) };
}
