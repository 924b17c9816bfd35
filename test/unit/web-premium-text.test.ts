// What the bell says about a tier change and an allotment request's outcome.
import { describe, expect, it } from 'vitest';
import { describeNotification } from '../../web/src/features/notifications/components/notification-text.js';

const note = (kind: string, payload: Record<string, unknown>) => describeNotification({ id: '1', kind, payload, createdAt: '2026-01-01T00:00:00.000Z', readAt: null } as never);

describe('describeNotification: premium and allotment outcomes', () => {
  it.each([
    ['premium granted, with what it gives', 'tier_changed', { tier: 'premium', monthlyLimit: 1000, inmailCredits: 5 }, 'You now have Premium.', 'You can send 1000 invitations a month and have 5 InMail credits a month.', '/standing'],
    ['back to free', 'tier_changed', { tier: 'free', monthlyLimit: 300, inmailCredits: 0 }, 'Your plan is now Free.', 'You can send 300 invitations a month and have 0 InMail credits a month.', '/standing'],
    ['one InMail credit', 'tier_changed', { tier: 'premium', monthlyLimit: 1000, inmailCredits: 1 }, 'You now have Premium.', 'You can send 1000 invitations a month and have 1 InMail credit a month.', '/standing'],
    ['a grant with its count', 'allotment_granted', { requestId: '4', count: 50 }, 'An administrator added 50 invitations to your allotment.', 'Your request for more invitations was granted.', '/standing#allotment-requests'],
    ['a grant of one', 'allotment_granted', { requestId: null, count: 1 }, 'An administrator added 1 invitation to your allotment.', 'Your request for more invitations was granted.', '/standing#allotment-requests'],
    ['a denial', 'allotment_denied', { requestId: '4', count: null }, 'Your request for more invitations was not granted.', 'You can ask again later, saying how you know the people you want to invite.', '/standing#allotment-requests'],
  ])('%s', (_name, kind, payload, text, detail, to) => {
    expect(note(kind, payload)).toMatchObject({ text, detail, to, person: null });
  });
});
