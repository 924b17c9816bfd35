import type { AllotmentRequest, Standing } from '../../../ui/api-types.js';
import { http } from '../../../ui/http.js';

export function loadStanding(): Promise<{ standing: Standing }> {
  return http.get<{ standing: Standing }>('/me/standing');
}

export function liftRestriction(): Promise<{ standing: Standing }> {
  return http.post<{ standing: Standing }>('/me/standing/lift', { agree: true });
}

export function requestAllotment(reason: string): Promise<{ request: AllotmentRequest }> {
  return http.post<{ request: AllotmentRequest }>('/me/allotment-requests', { reason });
}
