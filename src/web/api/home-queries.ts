// The school admin's day at a glance (issue 14.9) and the signed-in person's own staff record (the
// profile card's phone, issue 14.11).
import { useQuery } from '@tanstack/react-query';
import type { MyStaffRecord, SchoolToday } from '../../server/features/home/schemas';
import { api } from './client';
import { useServiceToday } from './clock-queries';

export type { MyStaffRecord, SchoolToday };

export function useSchoolToday(schoolId: string | null) {
  // Keyed by the school's date, so that a moved demo clock reads the new day.
  const today = useServiceToday();
  return useQuery({
    queryKey: ['school-today', schoolId ?? '', today ?? ''],
    queryFn: () => api.get<SchoolToday>(`/api/schools/${encodeURIComponent(schoolId ?? '')}/today`),
    enabled: schoolId !== null,
    // Marks, releases and custody change through the afternoon.
    refetchInterval: 60_000,
  });
}

export function useMyStaffRecord(schoolId: string | null | undefined) {
  return useQuery({
    queryKey: ['my-staff-record', schoolId ?? ''],
    queryFn: () => api.get<MyStaffRecord>(`/api/schools/${encodeURIComponent(schoolId ?? '')}/me/staff`),
    enabled: Boolean(schoolId),
    staleTime: 5 * 60_000,
  });
}
