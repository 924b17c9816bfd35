import type { Webhook, WebhookDelivery } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

/** Event topics an endpoint can subscribe to (src/http/routes/webhooks.ts), '*' for all. */
export const WEBHOOK_TOPICS = [
  { topic: 'invitation.sent', label: 'Invitation sent' },
  { topic: 'invitation.accepted', label: 'Invitation accepted' },
  { topic: 'invitation.ignored', label: 'Invitation ignored' },
  { topic: 'invitation.declined', label: 'Invitation declined' },
  { topic: 'invitation.reported', label: 'Invitation reported' },
  { topic: 'invitation.withdrawn', label: 'Invitation withdrawn' },
  { topic: 'invitation.resent', label: 'Invitation resent' },
  { topic: 'invitation.expired', label: 'Invitation expired' },
  { topic: 'invitation.replied', label: 'Message on an invitation' },
  { topic: 'member.joined', label: 'Member joined' },
  { topic: 'member.restricted', label: 'Member restricted' },
  { topic: 'member.lifted', label: 'Restriction lifted' },
  { topic: 'connection.created', label: 'Connection made' },
  { topic: 'connection.removed', label: 'Connection removed' },
  { topic: 'member.tier_changed', label: 'Tier changed (free or premium)' },
  { topic: 'member.closed', label: 'Account closed' },
  { topic: 'allotment.granted', label: 'Invitations granted' },
  { topic: 'allotment.denied', label: 'Allotment request denied' },
] as const;

export const listWebhooks = () => http.get<{ items: Webhook[] }>('/admin/webhooks');
export const createWebhook = (url: string, events: string[]) => http.post<{ webhook: Webhook; secret: string }>('/admin/webhooks', { url, events });
export const enableWebhook = (id: string) => http.post<{ webhook: Webhook }>(`/admin/webhooks/${id}/enable`);
export const deleteWebhook = (id: string) => http.delete(`/admin/webhooks/${id}`);
export const listDeliveries = (id: string) => http.get<{ items: WebhookDelivery[] }>(`/admin/webhooks/${id}/deliveries`);
