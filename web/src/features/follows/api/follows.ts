import type { FollowPage } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

export const listFollowing = (cursor?: string | null) => http.get<FollowPage>('/follows', { cursor, limit: 50 });
export const listFollowers = (cursor?: string | null) => http.get<FollowPage>('/followers', { cursor, limit: 50 });
