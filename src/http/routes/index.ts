import type { FastifyInstance } from 'fastify';
import { adminRoutes } from './admin.js';
import { authRoutes } from './auth.js';
import { connectionRoutes } from './connections.js';
import { contactRoutes } from './contacts.js';
import type { RouteDeps } from './deps.js';
import { followRoutes } from './follows.js';
import { graphRoutes } from './graph.js';
import { introductionRoutes } from './introductions.js';
import { invitationRoutes } from './invitations.js';
import { inviteLinkRoutes } from './invite-links.js';
import { messageRoutes } from './messages.js';
import { meRoutes } from './me.js';
import { memberRoutes } from './members.js';
import { standingRoutes } from './standing.js';
import { notificationRoutes } from './notifications.js';
import { testClockRoutes } from './test-clock.js';
import { webhookRoutes } from './webhooks.js';
import { photoRoutes } from './photos.js';

export async function registerRoutes(api: FastifyInstance, deps: RouteDeps): Promise<void> {
  authRoutes(api, deps);
  meRoutes(api, deps);
  memberRoutes(api, deps);
  invitationRoutes(api, deps);
  connectionRoutes(api, deps);
  contactRoutes(api, deps);
  inviteLinkRoutes(api, deps);
  followRoutes(api, deps);
  graphRoutes(api, deps);
  standingRoutes(api, deps);
  adminRoutes(api, deps);
  notificationRoutes(api, deps);
  introductionRoutes(api, deps);
  messageRoutes(api, deps);
  webhookRoutes(api, deps);
  photoRoutes(api, deps);
  if (deps.testClock) testClockRoutes(api, deps);
}
