import type { AllotmentRequest, Page } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

/** The member's own requests for more invitations, newest first, a page at a time. */
export const listOwnRequests = (cursor?: string) => http.get<Page<AllotmentRequest>>('/me/allotment-requests', cursor ? { limit: 10, cursor } : { limit: 10 });
