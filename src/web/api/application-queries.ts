// F-06 applications: the guardian's form and status, the school's review. Types come from the
// server's schemas by `import type` only.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Application,
  ApplicationForm,
  ApplicationList,
  coverageGapSchema,
  GuardianOverview,
  PaperApplicationData,
  PickupPerson,
  SubmitApplicationBody,
} from '../../server/features/applications/schemas';
import { api } from './client';
import { prefetched } from './prefetch';

export type {
  Application,
  ApplicationForm,
  ApplicationList,
  GuardianOverview,
  PaperApplicationData,
  PickupPerson,
};
export type ApplicationStatus = Application['status'];
export type CoverageGap = z.infer<typeof coverageGapSchema>;
export type SubmitApplicationInput = SubmitApplicationBody;

const enc = encodeURIComponent;
const keys = {
  all: ['applications'] as const,
  overview: ['applications', 'guardian'] as const,
  form: (schoolCode: string, termCode: string) => ['applications', 'form', schoolCode, termCode] as const,
  list: (schoolId: string, termId: string, status: string, page: number, pageSize: number) =>
    ['applications', 'school', schoolId, termId, status, page, pageSize] as const,
};

export function useGuardianApplications() {
  return useQuery({
    queryKey: keys.overview,
    // Started by the route's loader when the home was entered (issue 14.10), else asked here.
    queryFn: () =>
      prefetched<GuardianOverview>('/api/guardian/applications') ??
      api.get<GuardianOverview>('/api/guardian/applications'),
    select: (data) => data.items,
  });
}

export function useApplicationForm(schoolCode: string | null, termCode: string | null) {
  return useQuery({
    queryKey: keys.form(schoolCode ?? '', termCode ?? ''),
    queryFn: () =>
      api.get<ApplicationForm>('/api/guardian/application-form', {
        query: { schoolCode: schoolCode ?? '', termCode: termCode ?? '' },
      }),
    enabled: schoolCode !== null && termCode !== null,
    retry: false,
  });
}

export function useSubmitApplication() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      schoolId,
      studentId,
      body,
    }: {
      schoolId: string;
      studentId: string;
      body: SubmitApplicationInput;
    }) =>
      api.post<Application>(`/api/schools/${enc(schoolId)}/students/${enc(studentId)}/applications`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useWithdrawApplication() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ schoolId, applicationId }: { schoolId: string; applicationId: string }) =>
      api.post<{ applicationId: string; withdrawnFrom: string | null }>(
        `/api/schools/${enc(schoolId)}/applications/${enc(applicationId)}/withdraw`,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useAddPickupPerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      schoolId,
      studentId,
      person,
    }: {
      schoolId: string;
      studentId: string;
      person: { name: string; relation: string; phone: string };
    }) =>
      api.post<PickupPerson>(
        `/api/schools/${enc(schoolId)}/students/${enc(studentId)}/pickup-persons`,
        person,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useRemovePickupPerson() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      schoolId,
      studentId,
      personId,
    }: {
      schoolId: string;
      studentId: string;
      personId: string;
    }) =>
      api.delete<void>(
        `/api/schools/${enc(schoolId)}/students/${enc(studentId)}/pickup-persons/${enc(personId)}`,
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}

export function pickupPhotoUrl(schoolId: string, studentId: string, personId: string): string {
  return `/api/schools/${enc(schoolId)}/students/${enc(studentId)}/pickup-persons/${enc(personId)}/photo`;
}

export function scanUrl(schoolId: string, applicationId: string): string {
  return `/api/schools/${enc(schoolId)}/applications/${enc(applicationId)}/scan`;
}

// ---- school office ----

export function useSchoolApplications(
  schoolId: string | null,
  termId: string | null,
  status: ApplicationStatus,
  page: number,
  pageSize: number,
) {
  return useQuery({
    queryKey: keys.list(schoolId ?? '', termId ?? '', status, page, pageSize),
    queryFn: ({ signal }) =>
      api.get<ApplicationList>(`/api/schools/${enc(schoolId ?? '')}/applications`, {
        query: { termId: termId ?? '', status, page, pageSize },
        signal,
      }),
    enabled: schoolId !== null && termId !== null,
    placeholderData: keepPreviousData,
  });
}

export function useApproveApplications(schoolId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (applicationIds: string[]) =>
      api.post<{ items: { applicationId: string; startsOn: string }[] }>(
        `/api/schools/${enc(schoolId)}/applications/approve`,
        { applicationIds },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useWaitlistApplications(schoolId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { applicationIds: string[]; reason: string }) =>
      api.post<{ count: number }>(`/api/schools/${enc(schoolId)}/applications/waitlist`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useRecordPaperApplication(schoolId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ data, scan }: { data: PaperApplicationData; scan: File }) => {
      const form = new FormData();
      form.append('data', JSON.stringify(data));
      form.append('file', scan, scan.name);
      return api.post<Application>(`/api/schools/${enc(schoolId)}/applications/paper`, form);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useUploadPickupPhoto() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      schoolId,
      studentId,
      personId,
      photo,
    }: {
      schoolId: string;
      studentId: string;
      personId: string;
      photo: File;
    }) => {
      const form = new FormData();
      form.append('file', photo, photo.name);
      return api.put<PickupPerson>(pickupPhotoUrl(schoolId, studentId, personId), form);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: keys.all }),
  });
}

// C 应托尽托: the bureau's counts per school of applications by state for a term (no names).
export function useApplicationGaps(regionId: string | null, termCode: string | null) {
  return useQuery({
    queryKey: ['applications', 'gaps', regionId, termCode] as const,
    queryFn: () =>
      api.get<CoverageGap>(`/api/regions/${enc(regionId ?? '')}/application-gaps`, { query: { termCode } }),
    enabled: Boolean(regionId && termCode),
  });
}
