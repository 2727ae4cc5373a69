// The one HTTP client. Cookie sessions need the CSRF token on every write
// (src/http/app.ts); errors become ApiError with the server's code and field.
import { observeServerDate } from '../state/ticker';
import type { ApiErrorBody } from './types';

export class ApiError extends Error {
  readonly code: string;
  readonly field: string | null;
  readonly status: number;
  readonly reason: string | null;
  readonly params: Record<string, number>;
  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.status = status;
    this.code = body.code;
    this.field = body.field;
    this.reason = body.reason ?? null;
    this.params = body.params ?? {};
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request comes back 401, so the app can show the login form. */
export function onSessionLost(handler: () => void): void {
  onUnauthenticated = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, { code: 'network', message: 'Network error.', field: null });
  }
  observeServerDate(res.headers.get('date'));
  const text = await res.text();
  const json: unknown = text ? safeParse(text) : null;
  if (!res.ok) {
    const error = (json as { error?: ApiErrorBody } | null)?.error;
    if (res.status === 401 && !path.startsWith('/auth/login')) onUnauthenticated?.();
    throw new ApiError(
      res.status,
      error ?? { code: `http_${res.status}`, message: res.statusText, field: null },
    );
  }
  return json as T;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
  del: <T>(path: string) => request<T>('DELETE', path),
};
