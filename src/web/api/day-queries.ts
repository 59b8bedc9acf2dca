// The duty chief's day and its close (F-16), handovers (F-15) and the gate's visitor log (F-17).
// Writes carry an Idempotency-Key made once per submit, so a retry after a lost answer is done once.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CloseDayBody,
  DayView,
  EndCustodyBody,
  EndCustodyResult,
} from '../../server/features/day-close/schemas';
import type { CreateVisitBody, VisitList, VisitView } from '../../server/features/gate-visits/schemas';
import type { CreateHandoverBody, HandoverDay, HandoverView } from '../../server/features/handover/schemas';
import { api } from './client';

export type { CreateHandoverBody, CreateVisitBody, DayView, HandoverDay, HandoverView, VisitList, VisitView };
export type DayChild = DayView['children'][number];
export type DayCounts = DayView['counts'];
export type DayGroupCounts = DayView['groups'][number];
export type UnaccountedChild = DayView['unaccounted'][number];
export type UnaccountedReason = UnaccountedChild['reason'];
export type ChildStatus = DayChild['status'];
export type HandoverStage = CreateHandoverBody['stage'];

const enc = encodeURIComponent;
const dayPath = (schoolId: string, date: string) => `/api/schools/${enc(schoolId)}/days/${enc(date)}`;

export const dayKeys = {
  day: (schoolId: string, date: string) => ['day', schoolId, date] as const,
  handovers: (schoolId: string, date: string) => ['day', schoolId, date, 'handovers'] as const,
  visits: (schoolId: string, date: string) => ['gate-visits', schoolId, date] as const,
};

// `crypto.randomUUID` exists only on HTTPS or localhost; a school LAN over plain HTTP still gets a key.
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// The day changes all afternoon (marks, releases at the gate): read again every 30 seconds.
export function useDayView(schoolId: string | null, date: string | undefined) {
  return useQuery({
    queryKey: dayKeys.day(schoolId ?? '', date ?? ''),
    queryFn: () => api.get<DayView>(dayPath(schoolId ?? '', date ?? '')),
    enabled: schoolId !== null && date !== undefined,
    refetchInterval: 30_000,
    // NOT_A_SERVICE_DAY is an answer, not a failure to retry.
    retry: false,
  });
}

export function useCloseDay(schoolId: string, date: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CloseDayBody) =>
      api.post<DayView>(`${dayPath(schoolId, date)}/close`, body, { idempotencyKey: newKey() }),
    onSuccess: (view) => client.setQueryData(dayKeys.day(schoolId, date), view),
    // A refusal (someone still unaccounted) means the view on screen is out of date.
    onError: () => void client.invalidateQueries({ queryKey: dayKeys.day(schoolId, date) }),
  });
}

// C 延时托管 at the end time: every child still in care to one staff member, in one request.
export function useEndCustody(schoolId: string, date: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EndCustodyBody) =>
      api.post<EndCustodyResult>(`${dayPath(schoolId, date)}/end-custody`, body, {
        idempotencyKey: newKey(),
      }),
    onSettled: () => void client.invalidateQueries({ queryKey: dayKeys.day(schoolId, date) }),
  });
}

export function useHandoverDay(schoolId: string | null, date: string | undefined) {
  return useQuery({
    queryKey: dayKeys.handovers(schoolId ?? '', date ?? ''),
    queryFn: () => api.get<HandoverDay>(`${dayPath(schoolId ?? '', date ?? '')}/handovers`),
    enabled: schoolId !== null && date !== undefined,
    refetchInterval: 30_000,
    retry: false,
  });
}

export function useRecordHandover(schoolId: string, date: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: CreateHandoverBody; key: string }) =>
      api.post<HandoverView>(`${dayPath(schoolId, date)}/handovers`, body, { idempotencyKey: key }),
    // The expected counts may have moved (a mark, a release): read them again either way.
    onSettled: () => void client.invalidateQueries({ queryKey: dayKeys.day(schoolId, date) }),
  });
}

export function useGateVisits(schoolId: string | null, date: string | undefined) {
  return useQuery({
    queryKey: dayKeys.visits(schoolId ?? '', date ?? ''),
    queryFn: () => api.get<VisitList>(`/api/schools/${enc(schoolId ?? '')}/gate-visits`, { query: { date } }),
    enabled: schoolId !== null && date !== undefined,
    refetchInterval: 30_000,
  });
}

export function useRegisterVisit(schoolId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: CreateVisitBody; key: string }) =>
      api.post<VisitView>(`/api/schools/${enc(schoolId)}/gate-visits`, body, { idempotencyKey: key }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['gate-visits', schoolId] }),
  });
}

export function useSignOutVisitor(schoolId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (visitId: string) =>
      api.post<VisitView>(`/api/schools/${enc(schoolId)}/gate-visits/${enc(visitId)}/leave`, undefined, {
        idempotencyKey: newKey(),
      }),
    onSettled: () => void client.invalidateQueries({ queryKey: ['gate-visits', schoolId] }),
  });
}

export { newKey as newIdempotencyKey };
