// F-11 roll call, F-12 absence follow-up, leave requests. The roll call is also kept on the phone
// (IndexedDB), so that a page reloaded without network still shows the children and the queued marks.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  FollowUpBody,
  FollowUpResult,
  RollCallChild,
  RollCallView,
} from '../../server/features/attendance/schemas';
import type { CreatedLeave, LeaveBody, LeaveList, LeaveView } from '../../server/features/leave/schemas';
import { offlineStore } from '../offline/idb';
import { ApiError, api } from './client';
import { serverNow } from './clock-queries';

export type { LeaveList, LeaveView, RollCallChild, RollCallView };

export interface RollCallData {
  view: RollCallView;
  // Set when the network failed and the copy kept on the phone is shown.
  savedAt: string | null;
}

const savedRollCalls = offlineStore<{ view: RollCallView; savedAt: string }>('rollCalls');

export const attendanceKeys = {
  rollCall: (schoolId: string, date: string, groupId: string | null) =>
    ['roll-call', schoolId, date, groupId] as const,
  leave: (schoolId: string, studentId: string) => ['leave', schoolId, studentId] as const,
};

export function useRollCall(schoolId: string | null, date: string | undefined, groupId: string | null) {
  return useQuery({
    queryKey: attendanceKeys.rollCall(schoolId ?? '', date ?? '', groupId),
    enabled: Boolean(schoolId && date),
    // Marks of other phones (the duty chief's corrections) show up without a reload.
    refetchInterval: 30_000,
    queryFn: async (): Promise<RollCallData> => {
      const key = `${schoolId}|${date}|${groupId ?? ''}`;
      try {
        const view = await api.get<RollCallView>(`/api/schools/${schoolId}/days/${date}/roll-call`, {
          query: { groupId },
        });
        void savedRollCalls.put(key, { view, savedAt: serverNow().toISOString() }).catch(() => undefined);
        return { view, savedAt: null };
      } catch (error) {
        if (error instanceof ApiError && error.isNetworkError) {
          const saved = await savedRollCalls.get(key).catch(() => undefined);
          if (saved) return { view: saved.view, savedAt: saved.savedAt };
        }
        throw error;
      }
    },
  });
}

export function useRecordFollowUp(schoolId: string, date: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { studentId: string; body: FollowUpBody }) =>
      api.post<FollowUpResult>(
        `/api/schools/${schoolId}/days/${date}/students/${input.studentId}/follow-up`,
        input.body,
        // The contact's own id is the key: a retried tap records it once.
        { idempotencyKey: input.body.id },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['roll-call', schoolId, date] }),
  });
}

export function useLeaveList(schoolId: string | null, studentId: string | null) {
  return useQuery({
    queryKey: attendanceKeys.leave(schoolId ?? '', studentId ?? ''),
    enabled: Boolean(schoolId && studentId),
    queryFn: () => api.get<LeaveList>(`/api/schools/${schoolId}/students/${studentId}/leave-requests`),
  });
}

export function useRequestLeave(schoolId: string, studentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { body: LeaveBody; key: string }) =>
      api.post<CreatedLeave>(`/api/schools/${schoolId}/students/${studentId}/leave-requests`, input.body, {
        idempotencyKey: input.key,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: attendanceKeys.leave(schoolId, studentId) }),
  });
}

export function useCancelLeave(schoolId: string, studentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (leaveId: string) =>
      api.post<LeaveView>(
        `/api/schools/${schoolId}/students/${studentId}/leave-requests/${leaveId}/cancel`,
        undefined,
        { idempotencyKey: `cancel-${leaveId}` },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: attendanceKeys.leave(schoolId, studentId) }),
  });
}
