import { http } from '../../../ui/http.js';

/** An archive of the member's data, as GET /me/export answers it. */
export interface DataExport {
  id: string;
  status: 'queued' | 'building' | 'ready' | 'downloaded' | 'expired' | 'failed';
  rowsWritten: number;
  rowsTotal: number | null;
  percent: number;
  sizeBytes: number | null;
  requestedAt: string;
  readyAt: string | null;
  expiresAt: string | null;
  finishedAt: string | null;
  downloadUrl: string | null;
}

export interface DataExportState {
  export: DataExport | null;
  files: { name: string; about: string }[];
}

export const loadDataExport = () => http.get<DataExportState>('/me/export');
export const requestDataExport = () => http.post<{ export: DataExport }>('/me/export');
