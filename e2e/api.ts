// Test data through the REST API, as a signed-in user would make it: log in, then write with the
// session's cookie and CSRF token. For data a journey needs but does not test.
import { inject } from 'vitest';

export interface ApiSession {
  baseUrl: string;
  cookie: string;
  csrfToken: string;
  memberships: { role: string; schoolId: string | null; regionId: string | null }[];
}

async function send(path: string, init: RequestInit, baseUrl = inject('baseUrl')): Promise<Response> {
  const response = await fetch(`${baseUrl}${path}`, init);
  if (!response.ok)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

/** Signs in on the journeys' server, or on `baseUrl` (a server made for another day). */
export async function apiLogIn(
  identifier: string,
  password: string,
  baseUrl = inject('baseUrl'),
): Promise<ApiSession> {
  const response = await send(
    '/api/auth/login',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier, password }),
    },
    baseUrl,
  );
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .join('; ');
  const body = (await response.json()) as Omit<ApiSession, 'cookie'>;
  return { baseUrl, cookie, csrfToken: body.csrfToken, memberships: body.memberships };
}

export async function apiPost<T>(session: ApiSession, path: string, body: unknown): Promise<T> {
  const response = await send(
    path,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: session.cookie,
        'x-csrf-token': session.csrfToken,
      },
      body: JSON.stringify(body),
    },
    session.baseUrl,
  );
  return (await response.json()) as T;
}

export async function apiGet<T>(session: ApiSession, path: string): Promise<T> {
  const response = await send(path, { headers: { cookie: session.cookie } }, session.baseUrl);
  return (await response.json()) as T;
}

/** A staff account of the admin's school, made by that school administrator. */
export async function createStaffAccount(
  admin: ApiSession,
  account: { username: string; displayName: string; role: string; password: string },
): Promise<void> {
  const schoolId = admin.memberships.find((m) => m.role === 'school_admin')?.schoolId;
  if (!schoolId) throw new Error('not a school administrator');
  await apiPost(admin, `/api/schools/${schoolId}/members`, account);
}
