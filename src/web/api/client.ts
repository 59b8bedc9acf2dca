import type { Lang } from '../i18n/format';

// One fetch wrapper for every API call: same-origin cookies, JSON both ways, the CSRF token on
// every write, and the server's one error shape turned into an ApiError.

export interface FieldError {
  path: string;
  message: string;
}

/** Returns the half of a bilingual server message (`中文 / English`) that matches the UI language. */
export function pickLanguage(message: string, lang: Lang): string {
  const at = message.indexOf(' / ');
  if (at < 0) return message;
  return lang === 'en' ? message.slice(at + 3).trim() : message.slice(0, at).trim();
}

export class ApiError extends Error {
  /** HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** The server's stable error id, like `INVALID_CREDENTIALS`; `NETWORK_ERROR` or `HTTP_<status>` otherwise. */
  readonly code: string;
  /** The server's bilingual message, `中文 / English`; empty when the server sent none. */
  readonly serverMessage: string;
  readonly fields: FieldError[];

  constructor(status: number, code: string, serverMessage: string, fields: FieldError[] = []) {
    super(serverMessage || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.serverMessage = serverMessage;
    this.fields = fields;
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }

  localizedMessage(lang: Lang): string {
    return this.serverMessage ? pickLanguage(this.serverMessage, lang) : '';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseFieldErrors(details: unknown): FieldError[] {
  if (!isRecord(details) || !Array.isArray(details.fields)) return [];
  const fields: FieldError[] = [];
  for (const field of details.fields) {
    if (isRecord(field) && typeof field.path === 'string' && typeof field.message === 'string') {
      fields.push({ path: field.path, message: field.message });
    }
  }
  return fields;
}

function errorFromBody(status: number, body: unknown): ApiError {
  if (isRecord(body) && typeof body.error === 'string') {
    const message = typeof body.message === 'string' ? body.message : '';
    return new ApiError(status, body.error, message, parseFieldErrors(body.details));
  }
  return new ApiError(status, `HTTP_${status}`, '');
}

let csrfToken: string | null = null;

/** Remembered from the session response; sent as `x-csrf-token` on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

let unauthorizedHandler: (() => void) | null = null;

/** Called when any call (except those that opt out, like login) answers 401. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Leave a 401 to the caller instead of sending the user to the login page. */
  allowUnauthorized?: boolean;
  signal?: AbortSignal;
  /** Sent as `Idempotency-Key`: a retried write with the same key is done once (offline queues). */
  idempotencyKey?: string;
}

function withQuery(path: string, query: Record<string, QueryValue> | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A FormData body (scans, photos) goes as multipart/form-data with the boundary the browser sets.
  const form = options.body instanceof FormData ? options.body : null;
  if (options.body !== undefined && !form) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK_ERROR', '');
  }

  if (response.status === 204) return undefined as T;

  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }

  if (!response.ok) {
    const error = errorFromBody(response.status, body);
    if (response.status === 401 && !options.allowUnauthorized) unauthorizedHandler?.();
    throw error;
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('DELETE', path, options),
};
