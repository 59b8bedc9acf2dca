// F-13 departure and F-14 custody: the guardian's pickup code and batch, the gate's look-up and
// release, and the live gate board (EventSource on the board's Server-Sent Events).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type {
  callResultSchema,
  custodyResultSchema,
  GateChild,
  PickupCodeView,
  ReleaseBody,
  releaseResultSchema,
} from '../../server/features/departure/schemas';
import type { Board, BoardChild } from '../../server/features/gate-board/board';
import { api } from './client';

export type { Board, BoardChild, GateChild, PickupCodeView, ReleaseBody };
export type ReleaseResult = z.infer<typeof releaseResultSchema>;
export type CallResult = z.infer<typeof callResultSchema>;
export type CustodyResult = z.infer<typeof custodyResultSchema>;
export type DayStatus = GateChild['status'];

const enc = encodeURIComponent;
const dayPath = (schoolId: string, date: string) => `/api/schools/${enc(schoolId)}/days/${enc(date)}`;

export const departureKeys = {
  code: (schoolId: string, studentId: string) => ['pickup-code', schoolId, studentId] as const,
  gateChild: (schoolId: string, date: string, studentId: string) =>
    ['gate-child', schoolId, date, studentId] as const,
};

// The guardian's view: read again when the phone comes back to the page and every 20 s, so the state
// (called, gone) follows the gate.
export function usePickupCode(schoolId: string, studentId: string) {
  return useQuery({
    queryKey: departureKeys.code(schoolId, studentId),
    queryFn: () =>
      api.get<PickupCodeView>(`/api/schools/${enc(schoolId)}/students/${enc(studentId)}/pickup-code`),
    refetchOnWindowFocus: 'always',
    refetchInterval: 20_000,
    retry: false,
  });
}

export function useChangeBatch(schoolId: string, studentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (batch: string) =>
      api.put<PickupCodeView>(`/api/schools/${enc(schoolId)}/students/${enc(studentId)}/batch`, { batch }),
    onSuccess: (view) => client.setQueryData(departureKeys.code(schoolId, studentId), view),
  });
}

export function useGateChild(schoolId: string, date: string | undefined, studentId: string | null) {
  return useQuery({
    queryKey: departureKeys.gateChild(schoolId, date ?? '', studentId ?? ''),
    queryFn: () =>
      api.get<GateChild>(`${dayPath(schoolId, date ?? '')}/pickup/children/${enc(studentId ?? '')}`),
    enabled: Boolean(date && studentId),
    retry: false,
  });
}

export function useLookupCode(schoolId: string, date: string) {
  return useMutation({
    mutationFn: (code: string) => api.post<GateChild>(`${dayPath(schoolId, date)}/pickup/lookup`, { code }),
  });
}

export function useVerifyCode(schoolId: string, date: string) {
  return useMutation({
    mutationFn: (input: { studentId: string; code: string }) =>
      api.post<GateChild>(`${dayPath(schoolId, date)}/pickup/verify`, input),
  });
}

// Each attempt carries its own Idempotency-Key: a retry after a lost answer is done once.
export function useRelease(schoolId: string, date: string) {
  return useMutation({
    mutationFn: (body: ReleaseBody) =>
      api.post<ReleaseResult>(`${dayPath(schoolId, date)}/releases`, body, {
        idempotencyKey: `release-${crypto.randomUUID()}`,
      }),
  });
}

export function useCallChild(schoolId: string, date: string) {
  return useMutation({
    mutationFn: (input: { studentId: string; deviceId: string }) =>
      api.post<CallResult>(`${dayPath(schoolId, date)}/calls`, input, {
        idempotencyKey: `call-${crypto.randomUUID()}`,
      }),
  });
}

export function useCustody(schoolId: string, date: string) {
  return useMutation({
    mutationFn: (input: { studentId: string; deviceId: string }) =>
      api.post<CustodyResult>(`${dayPath(schoolId, date)}/custody`, input, {
        idempotencyKey: `custody-${crypto.randomUUID()}`,
      }),
  });
}

// This phone or tablet, as the release records it (F-13: device).
export function deviceId(): string {
  const key = 'kehou.deviceId';
  try {
    const stored = localStorage.getItem(key);
    if (stored) return stored;
    const made = `web-${crypto.randomUUID()}`;
    localStorage.setItem(key, made);
    return made;
  } catch {
    return 'web-unknown';
  }
}

export type BoardConnection = 'connecting' | 'live' | 'reconnecting' | 'failed';

// The live board: a snapshot on (re)connect, then the changed children merged in by id. EventSource
// reconnects by itself; when the server refuses the stream (signed out, not allowed, not a service
// day) the JSON route is read once for its message.
export function useLiveBoard(schoolId: string, date: string | undefined) {
  const [board, setBoard] = useState<Board | null>(null);
  const [connection, setConnection] = useState<BoardConnection>('connecting');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!date) return;
    setConnection('connecting');
    const source = new EventSource(`${dayPath(schoolId, date)}/board/events`);
    source.addEventListener('snapshot', (event) => {
      setBoard(JSON.parse((event as MessageEvent<string>).data) as Board);
      setConnection('live');
      setError(null);
    });
    source.addEventListener('change', (event) => {
      const { children } = JSON.parse((event as MessageEvent<string>).data) as { children: BoardChild[] };
      setBoard((current) => {
        if (!current) return current;
        const byId = new Map(children.map((c) => [c.studentId, c]));
        const merged = current.children.map((c) => byId.get(c.studentId) ?? c);
        const known = new Set(current.children.map((c) => c.studentId));
        for (const c of children) if (!known.has(c.studentId)) merged.push(c);
        return { ...current, children: merged };
      });
    });
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) {
        setConnection('failed');
        api.get<Board>(`${dayPath(schoolId, date)}/board`).then(
          (snapshot) => setBoard(snapshot),
          (cause: unknown) => setError(cause),
        );
      } else {
        setConnection('reconnecting');
      }
    };
    return () => source.close();
  }, [schoolId, date]);

  return { board, connection, error };
}
