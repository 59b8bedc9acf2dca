// F-30 message centre: the signed-in user's own messages.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { notificationSchema } from '../../server/features/notifications/routes';
import { api } from './client';

export type Notification = z.infer<typeof notificationSchema>;
export interface NotificationList {
  items: Notification[];
  unread: number;
}

const key = ['notifications'] as const;

// Polled once a minute while a page is open, so a decision or a sign-in code shows without reloading.
export function useNotifications() {
  return useQuery({
    queryKey: key,
    queryFn: () => api.get<NotificationList>('/api/me/notifications?limit=100'),
    refetchInterval: 60_000,
  });
}

export function useMarkNotificationsRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => api.post<{ updated: number }>('/api/me/notifications/read', { ids }),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}
