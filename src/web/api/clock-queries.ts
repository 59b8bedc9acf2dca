// The server's clock (GET /api/clock): the school date the daily pages work on comes from the server,
// never from the phone's own clock (a phone set to the wrong date must not mark the wrong day), and
// in the demo it is the demo clock's day.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { clockView } from '../../server/features/clock/routes';
import { api } from './client';

export type ServerClock = z.infer<typeof clockView>;

const key = ['clock'] as const;

// Refreshed every minute so that a page left open across midnight moves to the new day.
export function useServerClock() {
  return useQuery({
    queryKey: key,
    queryFn: () => api.get<ServerClock>('/api/clock'),
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
