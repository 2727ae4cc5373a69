// REST calls to Switchboard. Cross-origin from the customer's site, so no
// cookies are ever sent (credentials: 'omit'): the visitor is identified only
// by the signed token, and an operator logged in to Switchboard in the same
// browser cannot be mistaken for the visitor.

export class ApiError extends Error {
  /** 0 when the request never reached the server (offline, DNS, CORS refusal). */
  declare readonly status: number;
  declare readonly code: string;
  // Assigned in the constructor, not as class fields: the build targets ES2020
  // browsers, where class fields would need a helper in every copy.
  constructor(status: number, code: string) {
    super(code);
    Object.assign(this, { status, code });
  }
}

/** Errors worth retrying: the network, rate limits and the server's bad moments. */
export function transient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return error.status === 0 || error.status === 429 || error.status >= 500;
}

export type Api = <T>(method: 'GET' | 'POST', path: string, body?: unknown) => Promise<T>;

export function createApi(base: string, token: () => string | null): Api {
  return async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const headers: Record<string, string> = {};
    const t = token();
    if (t) headers.authorization = `Bearer ${t}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(`${base}/api/v1${path}`, {
        method,
        headers,
        credentials: 'omit',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network');
    }
    const data = (await res.json().catch(() => null)) as (T & { error?: { code?: string } }) | null;
    if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? 'internal');
    return data as T;
  };
}
