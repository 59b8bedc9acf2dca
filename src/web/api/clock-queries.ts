// The server's clock (GET /api/clock): the school date the daily pages work on comes from the server,
// never from the phone's own clock (a phone set to the wrong date must not mark the wrong day), and
// in the demo it is the demo clock's day.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { clockView } from '../../server/features/clock/routes';
import { formatTime, todayInShanghai } from '../i18n/format';
import { ApiError, api } from './client';

export type ServerClock = z.infer<typeof clockView>;

const key = ['clock'] as const;

// The server's offset from the phone's clock, kept so that a page opened where the network is dead
// still works on the server's day and time (the demo clock included).
const OFFSET_KEY = 'kehou.clock';

function keptClock(): { offsetMs: number; demo: boolean } {
  try {
    return { offsetMs: 0, demo: false, ...JSON.parse(window.localStorage.getItem(OFFSET_KEY) ?? '{}') };
  } catch {
    // Nothing kept: the phone's own clock is the best there is.
    return { offsetMs: 0, demo: false };
  }
}

/** Now by the server's clock (the demo clock in the demo), from the last offset seen. */
export function serverNow(): Date {
  return new Date(Date.now() + keptClock().offsetMs);
}

/** A moment taken from the phone's clock (a retry time), as the server's clock reads it. */
export function onServerClock(phoneTime: string): Date {
  return new Date(Date.parse(phoneTime) + keptClock().offsetMs);
}

async function fetchClock(): Promise<ServerClock> {
  try {
    const clock = await api.get<ServerClock>('/api/clock');
    try {
      window.localStorage.setItem(
        OFFSET_KEY,
        JSON.stringify({ offsetMs: Date.parse(clock.now) - Date.now(), demo: clock.demo }),
      );
    } catch {
      // Storage blocked: offline pages then fall back to the phone's clock below.
    }
    return clock;
  } catch (error) {
    if (!(error instanceof ApiError) || !error.isNetworkError) throw error;
    const kept = keptClock();
    const now = new Date(Date.now() + kept.offsetMs);
    return { now: now.toISOString(), today: todayInShanghai(now), time: formatTime(now), demo: kept.demo };
  }
}

// Refreshed every minute so that a page left open across midnight moves to the new day.
export function useServerClock() {
  return useQuery({
    queryKey: key,
    queryFn: fetchClock,
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

/** The school date (YYYY-MM-DD, Asia/Shanghai) by the server, or undefined while it loads. */
export function useServiceToday(): string | undefined {
  return useServerClock().data?.today;
}

export function useSetDemoClock() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { date: string; time: string }) => api.put<ServerClock>('/api/demo/clock', input),
    // Everything on screen depends on "now": read it all again.
    onSuccess: (clock) => {
      client.setQueryData(key, clock);
      void client.invalidateQueries();
    },
  });
}
