import type { Problem } from './api-types.js';

const BASE = '/api/v1';
const CSRF_COOKIE = 'rapport_csrf';

/** A refusal from the API, carrying its problem document (`code` plus any extra members). */
export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }
  get code(): string {
    return this.problem.code;
  }
  get status(): number {
    return this.problem.status;
  }
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** Listeners told when the API says the session is gone, so the app can show the sign-in page. */
const unauthorizedListeners = new Set<() => void>();
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

type Query = Record<string, string | number | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** A file sent as the request body itself, with its media type (the contact import takes files so). */
interface RawBody {
  file: Blob;
  contentType: string;
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query, raw?: RawBody): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (raw) headers['content-type'] = raw.contentType;
  else if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers['x-csrf-token'] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(BASE + withQuery(path, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: raw ? raw.file : body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error', detail: 'The server could not be reached.' });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const problem =
      data && typeof data === 'object' && 'code' in data
        ? (data as Problem)
        : { type: 'about:blank', title: response.statusText, status: response.status, code: 'internal_error', detail: '' };
    if (problem.code === 'unauthorized' && !path.startsWith('/auth/')) {
      for (const listener of unauthorizedListeners) listener();
    }
    throw new ApiError(problem);
  }
  return data as T;
}

export const http = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  /** POSTs a file as the body itself (not a form), under its own media type. */
  upload: <T>(path: string, file: Blob, contentType: string) => request<T>('POST', path, undefined, undefined, { file, contentType }),
  /** PUTs a file as the body itself, replacing what is at `path` (the profile photo). */
  putFile: <T>(path: string, file: Blob, contentType: string) => request<T>('PUT', path, undefined, undefined, { file, contentType }),
};
