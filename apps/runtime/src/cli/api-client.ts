/**
 * The CLI's HTTP client: plain tRPC over HTTP without batching, exactly what curl users do — a query
 * is `GET /trpc/<procedure>?input=<JSON>`, a mutation is `POST /trpc/<procedure>` with a JSON body.
 * API errors become `ApiError` with the tRPC code; an unreachable runtime becomes `ConnectionError`.
 */
import { ApiError, ConnectionError } from './cli-errors.js';

interface Envelope<T> {
  result?: { data: T };
  error?: { message?: string; data?: { code?: string; httpStatus?: number } };
}

export class ApiClient {
  constructor(
    readonly url: string,
    private token?: string,
  ) {}

  setToken(token: string) {
    this.token = token;
  }

  get hasToken() {
    return Boolean(this.token);
  }

  query<T>(procedure: string, input?: unknown): Promise<T> {
    const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.send<T>(`${procedure}${qs}`, { method: 'GET' });
  }

  mutation<T>(procedure: string, input?: unknown): Promise<T> {
    return this.send<T>(procedure, { method: 'POST', body: JSON.stringify(input ?? null) });
  }

  private async send<T>(path: string, init: RequestInit): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(this.token ? { authorization: `Bearer ${this.token}` } : {}) };
    let res: Response;
    try {
      res = await fetch(`${this.url.replace(/\/+$/, '')}/trpc/${path}`, { ...init, headers });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      throw new ConnectionError(`cannot reach the runtime at ${this.url}: ${cause} (is it running? set --url or BATON_URL)`);
    }
    const text = await res.text();
    let body: Envelope<T>;
    try {
      body = JSON.parse(text) as Envelope<T>;
    } catch {
      throw new ApiError(`HTTP_${res.status}`, `${this.url} did not answer like a Baton runtime (HTTP ${res.status}: ${text.slice(0, 200)})`, res.status);
    }
    if (body.error) throw new ApiError(body.error.data?.code ?? 'ERROR', body.error.message ?? 'unknown error', body.error.data?.httpStatus ?? res.status);
    if (!body.result) throw new ApiError(`HTTP_${res.status}`, `unexpected answer from ${this.url}: ${text.slice(0, 200)}`, res.status);
    return body.result.data;
  }
}
