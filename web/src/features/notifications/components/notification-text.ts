import type { AppNotification, NotificationPerson } from '../../../ui/api-types.js';

/** What a notification says, where it leads, and who it is about, in the member's words. */
export interface NotificationView {
  text: string;
  detail: string | null;
  to: string;
  person: NotificationPerson | null;
  /** The person's member id, when the payload has it (for their avatar colour). */
  personId?: string;
  /** A one-character symbol when there is no person to show. */
  symbol: string;
}

function personOf(value: unknown): NotificationPerson | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.name !== 'string') return null;
  return {
    name: v.name,
    initials: typeof v.initials === 'string' ? v.initials : v.name.slice(0, 1).toUpperCase(),
    headline: typeof v.headline === 'string' ? v.headline : '',
  };
}

const str = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

export function describeNotification(notification: AppNotification): NotificationView {
  const p = notification.payload;
  switch (notification.kind) {
    case 'invitation_received': {
      const from = personOf(p.from);
      const invitationId = str(p.invitationId);
      return {
        text: `${from?.name ?? 'Someone'} invited you to connect.`,
        detail: from?.headline || null,
        // The invitation itself; one that no longer exists for you (`invitation: null`) leads to the list.
        to: invitationId && notification.invitation !== null ? `/invitations/${invitationId}` : '/invitations',
        person: from,
        symbol: '+',
      };
    }
    case 'invitation_accepted': {
      const by = personOf(p.by);
      const memberId = str(p.memberId);
      return {
        text: `${by?.name ?? 'Someone'} accepted your invitation. You are now connected.`,
        detail: by?.headline || null,
        to: memberId ? `/members/${memberId}` : '/connections',
        person: by,
        ...(memberId ? { personId: memberId } : {}),
        symbol: '✓',
      };
    }
    case 'invitation_declined': {
      const by = personOf(p.by);
      return {
        text: `${by?.name ?? 'Someone'} declined your invitation.`,
        detail: 'You cannot invite them again.',
        to: '/sent',
        person: by,
        symbol: '–',
      };
    }
    case 'invitation_reply': {
      const from = personOf(p.from);
      const invitationId = str(p.invitationId);
      return {
        text: `${from?.name ?? 'Someone'} wrote to you about an invitation.`,
        detail: 'Read and answer the message.',
        to: invitationId ? `/invitations/${invitationId}` : '/invitations',
        person: from,
        symbol: '✉',
      };
    }
    case 'restricted': {
      const why = p.reason === 'low_acceptance' ? 'most of your recent invitations were not accepted' : 'several recipients said they do not know you';
      return {
        text: `Your account is restricted because ${why}.`,
        detail:
          p.canSelfLift === true
            ? 'Invitations now need the recipient’s email address. You can lift this first restriction yourself.'
            : 'Invitations now need the recipient’s email address. An administrator has to review your account.',
        to: '/standing',
        person: null,
        symbol: '!',
      };
    }
    case 'lifted':
      return {
        text: p.by === 'admin' ? 'An administrator lifted the restriction on your account.' : 'You lifted the restriction on your account.',
        detail: 'You can invite people in your network without their email address again.',
        to: '/standing',
        person: null,
        symbol: '✓',
      };
    case 'webhook_disabled':
      return {
        text: `The webhook ${str(p.url) || 'endpoint'} was switched off after failed deliveries.`,
        detail: 'Check the endpoint, then switch it back on.',
        to: '/admin#webhooks',
        person: null,
        symbol: '!',
      };
    case 'introduction_requested': {
      const requester = personOf(p.requester);
      const target = personOf(p.target);
      return {
        text: `${requester?.name ?? 'A connection'} asked you to introduce them to ${target?.name ?? 'one of your connections'}.`,
        detail: 'Forward the introduction with a note, or decline.',
        to: '/introductions',
        person: requester,
        symbol: '→',
      };
    }
    case 'introduction_received': {
      const requester = personOf(p.requester);
      const introducer = personOf(p.introducer);
      return {
        text: `${introducer?.name ?? 'A connection'} introduced you to ${requester?.name ?? 'someone'}.`,
        detail: 'Read the introduction and connect in one step.',
        to: '/introductions',
        person: requester,
        symbol: '→',
      };
    }
    case 'introduction_declined': {
      const introducer = personOf(p.introducer);
      const target = personOf(p.target);
      return {
        text: `${introducer?.name ?? 'Your connection'} did not forward your introduction to ${target?.name ?? 'their connection'}.`,
        detail: 'You can still invite them with their email address.',
        to: '/introductions',
        person: introducer,
        symbol: '–',
      };
    }
    case 'message': {
      const from = personOf(p.from);
      const memberId = str(p.memberId);
      return {
        text: `${from?.name ?? 'Someone'} sent you a message.`,
        detail: null,
        to: memberId ? `/messages/${memberId}` : '/messages',
        person: from,
        ...(memberId ? { personId: memberId } : {}),
        symbol: '✉',
      };
    }
    case 'new_follower': {
      const from = personOf(p.from);
      const memberId = str(p.memberId);
      return {
        text: `${from?.name ?? 'Someone'} started following you.`,
        detail: from?.headline || null,
        to: memberId ? `/members/${memberId}` : '/notifications',
        person: from,
        ...(memberId ? { personId: memberId } : {}),
        symbol: '★',
      };
    }
    case 'tier_changed': {
      const premium = p.tier === 'premium';
      const limit = str(p.monthlyLimit);
      const credits = str(p.inmailCredits);
      return {
        text: premium ? 'You now have Premium.' : 'Your plan is now Free.',
        detail: limit ? `You can send ${limit} invitations a month and have ${credits || '0'} InMail credit${credits === '1' ? '' : 's'} a month.` : null,
        to: '/standing',
        person: null,
        symbol: premium ? '★' : '•',
      };
    }
    case 'allotment_granted': {
      const count = str(p.count);
      return {
        text: count ? `An administrator added ${count} invitation${count === '1' ? '' : 's'} to your allotment.` : 'An administrator added invitations to your allotment.',
        detail: 'Your request for more invitations was granted.',
        to: '/standing#allotment-requests',
        person: null,
        symbol: '✓',
      };
    }
    case 'allotment_denied':
      return {
        text: 'Your request for more invitations was not granted.',
        detail: 'You can ask again later, saying how you know the people you want to invite.',
        to: '/standing#allotment-requests',
        person: null,
        symbol: '–',
      };
    case 'data_export_ready':
      return {
        text: 'Your data is ready to download.',
        detail: 'You can download it once, from your settings; then it is deleted.',
        to: '/settings#your-data',
        person: null,
        symbol: '↓',
      };
    default:
      return { text: 'Something changed on your account.', detail: null, to: '/notifications', person: null, symbol: '•' };
  }
}
