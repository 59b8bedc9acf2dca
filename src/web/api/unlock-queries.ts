// Issue 13.5: the school's locked accounts, unlock codes for them, and the login page's unlock.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { LockedAccounts, UnlockCode, unlockBody } from '../../server/features/guardian-codes/schemas';
import { api } from './client';

export type LockedAccount = LockedAccounts['items'][number];
export type { UnlockCode };
export type UnlockInput = z.infer<typeof unlockBody>;

const enc = encodeURIComponent;
const lockedKey = (schoolId: string) => ['locked-accounts', schoolId] as const;

export function useLockedAccounts(schoolId: string | null) {
  return useQuery({
    queryKey: lockedKey(schoolId ?? ''),
    queryFn: () => api.get<LockedAccounts>(`/api/schools/${enc(schoolId ?? '')}/locked-accounts`),
    select: (data) => data.items,
    enabled: schoolId !== null,
    // A lock lifts by itself after 15 minutes: keep the list current while the page is open.
    refetchInterval: 60_000,
  });
}

export function useIssueUnlockCode(schoolId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      api.post<UnlockCode>(`/api/schools/${enc(schoolId)}/members/${enc(userId)}/unlock-code`),
    onSuccess: () => client.invalidateQueries({ queryKey: lockedKey(schoolId) }),
  });
}

export function useUnlock() {
  return useMutation({
    mutationFn: (input: UnlockInput) =>
      api.post<void>('/api/auth/unlock', input, { allowUnauthorized: true }),
  });
}
