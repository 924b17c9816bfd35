import type { Introduction } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

export type IntroductionRole = Introduction['role'];

export function listIntroductions(role: IntroductionRole): Promise<{ items: Introduction[] }> {
  return http.get<{ items: Introduction[] }>('/introductions', { role });
}

type One = { introduction: Introduction };
export const forwardIntroduction = (id: string, note: string) => http.post<One>(`/introductions/${id}/forward`, note.trim() ? { note } : {});
export const declineIntroduction = (id: string) => http.post<One>(`/introductions/${id}/decline`);
export const connectThroughIntroduction = (id: string) => http.post<One>(`/introductions/${id}/connect`);

export const getIntroduction = (id: string) => http.get<One>(`/introductions/${id}`);
