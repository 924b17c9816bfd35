import type { OwnProfile } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

/** What the server takes (PUT /me/photo); checked here too, to answer at once without an upload. */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;

export function uploadPhoto(file: File): Promise<{ member: OwnProfile }> {
  return http.putFile<{ member: OwnProfile }>('/me/photo', file, file.type);
}

export function removePhoto(): Promise<{ member: OwnProfile }> {
  return http.delete<{ member: OwnProfile }>('/me/photo');
}
