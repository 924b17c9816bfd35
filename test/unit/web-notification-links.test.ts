// Where an invitation's notification leads: to that invitation, not the general list, unless the
// invitation no longer exists for the recipient.
import { describe, expect, it } from 'vitest';
import { describeNotification } from '../../web/src/features/notifications/components/notification-text.js';

const from = { name: 'Sam Sender', initials: 'SS', headline: 'Editor' };
const received = (invitation: unknown) =>
  describeNotification({ id: '1', kind: 'invitation_received', payload: { invitationId: '42', from }, createdAt: '2026-01-01T00:00:00.000Z', readAt: null, invitation } as never);

describe('describeNotification: invitation links', () => {
  it('opens the invitation itself while it exists', () => {
    expect(received({ id: '42', status: 'pending', actions: ['accept', 'ignore'] }).to).toBe('/invitations/42');
    expect(received({ id: '42', status: 'accepted', actions: [] }).to).toBe('/invitations/42');
  });

  it('leads to the list once the invitation is gone for the recipient', () => {
    expect(received(null).to).toBe('/invitations');
  });

  it('a reply opens the thread of its invitation', () => {
    const reply = describeNotification({ id: '2', kind: 'invitation_reply', payload: { invitationId: '7', from }, createdAt: '2026-01-01T00:00:00.000Z', readAt: null } as never);
    expect(reply.to).toBe('/invitations/7');
  });
});
