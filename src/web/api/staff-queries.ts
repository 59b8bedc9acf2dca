// F-09 staff records and letters, F-10 duty rota. Letter scans go up as multipart (a FormData body
// through the API client, with the CSRF header as on every write); the scan is opened by its address.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { RotaView, SaveRotaBody } from '../../server/features/rota/schemas';
import type { StaffBody, StaffItem, StaffList, staffItemSchema } from '../../server/features/staff/schemas';
import { api } from './client';

export type { RotaView, SaveRotaBody, StaffBody, StaffItem, StaffList };
export type LetterStatus = StaffItem['letterStatus'];
export type StaffLetter = z.infer<typeof staffItemSchema>['letters'][number];
export type RotaProblem = RotaView['problems'][number];
export type RotaDay = RotaView['days'][number];
export type RotaHours = RotaView['hours'][number];

const enc = encodeURIComponent;

export const staffKeys = {
  staff: (schoolId: string, archived: boolean) => ['staff', schoolId, archived] as const,
  allStaff: (schoolId: string) => ['staff', schoolId] as const,
  rota: (schoolId: string) => ['rota', schoolId] as const,
};

export function letterScanUrl(schoolId: string, staffId: string, letterId: string): string {
  return `/api/schools/${enc(schoolId)}/staff/${enc(staffId)}/letters/${enc(letterId)}/scan`;
}

export function useStaffList(schoolId: string | null, archived = false) {
  return useQuery({
    queryKey: staffKeys.staff(schoolId ?? '', archived),
    queryFn: () =>
      api.get<StaffList>(`/api/schools/${enc(schoolId ?? '')}/staff`, {
        query: { archived: archived ? 'true' : undefined },
      }),
    enabled: schoolId !== null,
  });
}

function useInvalidateStaff(schoolId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: staffKeys.allStaff(schoolId) });
    // Letters, availability and names change what the rota may offer.
    void client.invalidateQueries({ queryKey: staffKeys.rota(schoolId) });
  };
}

export function useSaveStaff(schoolId: string) {
  const invalidate = useInvalidateStaff(schoolId);
  return useMutation({
    mutationFn: ({ staffId, body }: { staffId: string | null; body: StaffBody }) =>
      staffId
        ? api.put<StaffItem>(`/api/schools/${enc(schoolId)}/staff/${enc(staffId)}`, body)
        : api.post<StaffItem>(`/api/schools/${enc(schoolId)}/staff`, body),
    onSuccess: invalidate,
  });
}

export function useArchiveStaff(schoolId: string) {
  const invalidate = useInvalidateStaff(schoolId);
  return useMutation({
    mutationFn: (staffId: string) =>
      api.post<StaffItem>(`/api/schools/${enc(schoolId)}/staff/${enc(staffId)}/archive`),
    onSuccess: invalidate,
  });
}

export interface LetterUpload {
  staffId: string;
  signedOn: string;
  validUntil: string;
  file: File;
}

export function useUploadLetter(schoolId: string) {
  const invalidate = useInvalidateStaff(schoolId);
  return useMutation({
    mutationFn: ({ staffId, signedOn, validUntil, file }: LetterUpload) => {
      const form = new FormData();
      form.append('signedOn', signedOn);
      form.append('validUntil', validUntil);
      form.append('file', file, file.name);
      return api.post<StaffItem>(`/api/schools/${enc(schoolId)}/staff/${enc(staffId)}/letters`, form);
    },
    onSuccess: invalidate,
  });
}

// The rota of a term, or without one the school's current term (the one with a published plan).
export function useRota(schoolId: string | null, termId: string | null) {
  return useQuery({
    queryKey: [...staffKeys.rota(schoolId ?? ''), termId ?? 'current'] as const,
    queryFn: () =>
      api.get<RotaView>(
        termId
          ? `/api/schools/${enc(schoolId ?? '')}/terms/${enc(termId)}/rota`
          : `/api/schools/${enc(schoolId ?? '')}/rota/current`,
      ),
    enabled: schoolId !== null,
  });
}

export function useSaveRota(schoolId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ termId, body }: { termId: string; body: SaveRotaBody }) =>
      api.put<RotaView>(`/api/schools/${enc(schoolId)}/terms/${enc(termId)}/rota`, body),
    onSuccess: (rota, { termId }) => {
      client.setQueryData([...staffKeys.rota(schoolId), termId] as const, rota);
      client.invalidateQueries({ queryKey: staffKeys.rota(schoolId) });
    },
  });
}
