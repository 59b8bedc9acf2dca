import {
  keepPreviousData,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from './client';
import type {
  AuditEntry,
  AuditQuery,
  CalendarEntryInput,
  ChangePasswordInput,
  Child,
  CreateMemberInput,
  CreateSchoolInput,
  ItemList,
  LoginInput,
  Member,
  Page,
  PolicyVersion,
  PublishPolicyInput,
  Region,
  RegionCalendar,
  RegionPolicyView,
  School,
  Session,
  SetupInput,
  SetupStatus,
  Student,
  StudentQuery,
  Term,
  TermChange,
  TermInput,
  UpdateSchoolInput,
} from './types';

export const queryKeys = {
  session: ['session'] as const,
  setupStatus: ['setup-status'] as const,
  regions: ['regions'] as const,
  schools: ['schools'] as const,
  school: (schoolId: string) => ['schools', schoolId] as const,
  members: (schoolId: string) => ['members', schoolId] as const,
  students: (schoolId: string, query: StudentQuery) => ['students', schoolId, query] as const,
  children: ['guardian-children'] as const,
  audit: (query: AuditQuery) => ['audit', query] as const,
  policy: (regionId: string) => ['policy', regionId] as const,
  terms: ['terms'] as const,
  regionTerms: (regionId: string) => ['terms', 'region', regionId] as const,
  schoolTerms: (schoolId: string) => ['terms', 'school', schoolId] as const,
  calendar: (regionId: string, year: number) => ['calendar', regionId, year] as const,
};

const enc = encodeURIComponent;

// ---- session ----

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/api/auth/session', { allowUnauthorized: true });
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The signed-in user, or null when nobody is signed in. */
export function useSession() {
  return useQuery({ queryKey: queryKeys.session, queryFn: fetchSession, staleTime: 5 * 60_000 });
}

/** Drops every cached answer except the session itself, so nothing of one user survives into the next. */
function dropUserData(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session[0] });
}

export function rememberSession(queryClient: QueryClient, session: Session): void {
  dropUserData(queryClient);
  setCsrfToken(session.csrfToken);
  queryClient.setQueryData(queryKeys.session, session);
}

export function forgetSession(queryClient: QueryClient): void {
  setCsrfToken(null);
  queryClient.setQueryData(queryKeys.session, null);
  dropUserData(queryClient);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) =>
      api.post<Session>('/api/auth/login', input, { allowUnauthorized: true }),
    onSuccess: (session) => rememberSession(queryClient, session),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await api.post<void>('/api/auth/logout', undefined, { allowUnauthorized: true });
      } catch (error) {
        // An expired session is already signed out.
        if (!(error instanceof ApiError && error.status === 401)) throw error;
      }
    },
    onSuccess: () => forgetSession(queryClient),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => api.post<void>('/api/auth/password', input),
  });
}

// ---- setup ----

export function useSetupStatus() {
  return useQuery({
    queryKey: queryKeys.setupStatus,
    queryFn: () => api.get<SetupStatus>('/api/setup/status', { allowUnauthorized: true }),
  });
}

export function useSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SetupInput) => api.post<Session>('/api/setup', input, { allowUnauthorized: true }),
    onSuccess: (session) => rememberSession(queryClient, session),
  });
}

// ---- regions and schools ----

export function useRegions() {
  return useQuery({
    queryKey: queryKeys.regions,
    queryFn: () => api.get<ItemList<Region>>('/api/regions'),
    select: (data) => data.items,
    staleTime: 5 * 60_000,
  });
}

export function useSchools() {
  return useQuery({
    queryKey: queryKeys.schools,
    queryFn: () => api.get<ItemList<School>>('/api/schools'),
    select: (data) => data.items,
  });
}

export function useSchool(schoolId: string | null) {
  return useQuery({
    queryKey: queryKeys.school(schoolId ?? ''),
    queryFn: () => api.get<School>(`/api/schools/${encodeURIComponent(schoolId ?? '')}`),
    enabled: schoolId !== null,
  });
}

export function useCreateSchool() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ regionId, input }: { regionId: string; input: CreateSchoolInput }) =>
      api.post<School>(`/api/regions/${encodeURIComponent(regionId)}/schools`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.schools }),
  });
}

export function useUpdateSchool(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateSchoolInput) =>
      api.patch<School>(`/api/schools/${encodeURIComponent(schoolId)}`, input),
    onSuccess: (school) => {
      queryClient.setQueryData(queryKeys.school(schoolId), school);
      return queryClient.invalidateQueries({ queryKey: queryKeys.schools, exact: true });
    },
  });
}

// ---- people ----

export function useMembers(schoolId: string | null) {
  return useQuery({
    queryKey: queryKeys.members(schoolId ?? ''),
    queryFn: () => api.get<ItemList<Member>>(`/api/schools/${encodeURIComponent(schoolId ?? '')}/members`),
    select: (data) => data.items,
    enabled: schoolId !== null,
  });
}

export function useCreateMember(schoolId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateMemberInput) =>
      api.post<Member>(`/api/schools/${encodeURIComponent(schoolId)}/members`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.members(schoolId) }),
  });
}

export function useStudents(schoolId: string | null, query: StudentQuery) {
  return useQuery({
    queryKey: queryKeys.students(schoolId ?? '', query),
    queryFn: ({ signal }) =>
      api.get<Page<Student>>(`/api/schools/${encodeURIComponent(schoolId ?? '')}/students`, {
        query: { q: query.q, grade: query.grade, page: query.page, pageSize: query.pageSize },
        signal,
      }),
    enabled: schoolId !== null,
    placeholderData: keepPreviousData,
  });
}

export function useGuardianChildren() {
  return useQuery({
    queryKey: queryKeys.children,
    queryFn: () => api.get<ItemList<Child>>('/api/guardian/children'),
    select: (data) => data.items,
  });
}

// ---- audit ----

export function useAudit(query: AuditQuery) {
  return useQuery({
    queryKey: queryKeys.audit(query),
    queryFn: ({ signal }) =>
      api.get<Page<AuditEntry>>('/api/audit', {
        query: {
          schoolId: query.schoolId,
          action: query.action,
          from: query.from,
          to: query.to,
          page: query.page,
          pageSize: query.pageSize,
        },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

// ---- region policy (F-01) ----

export function useRegionPolicy(regionId: string | null) {
  return useQuery({
    queryKey: queryKeys.policy(regionId ?? ''),
    queryFn: () => api.get<RegionPolicyView>(`/api/regions/${enc(regionId ?? '')}/policy`),
    enabled: regionId !== null,
  });
}

export function usePublishPolicy(regionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PublishPolicyInput) =>
      api.post<PolicyVersion>(`/api/regions/${enc(regionId)}/policy/versions`, input),
    // The regions below may inherit it: drop every cached policy.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['policy'] }),
  });
}

// ---- terms (F-04, B 六(五)) ----

export function useRegionTerms(regionId: string | null) {
  return useQuery({
    queryKey: queryKeys.regionTerms(regionId ?? ''),
    queryFn: () => api.get<ItemList<Term>>(`/api/regions/${enc(regionId ?? '')}/terms`),
    select: (data) => data.items,
    enabled: regionId !== null,
  });
}

export function useSchoolTerms(schoolId: string | null) {
  return useQuery({
    queryKey: queryKeys.schoolTerms(schoolId ?? ''),
    queryFn: () => api.get<ItemList<Term>>(`/api/schools/${enc(schoolId ?? '')}/terms`),
    select: (data) => data.items,
    enabled: schoolId !== null,
  });
}

export function useCreateTerm(regionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TermInput) => api.post<Term>(`/api/regions/${enc(regionId)}/terms`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.terms }),
  });
}

export function useUpdateTerm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ termId, change }: { termId: string; change: TermChange }) =>
      api.patch<Term>(`/api/terms/${enc(termId)}`, change),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.terms }),
  });
}

// ---- calendar (F-04) ----

export function useRegionCalendar(regionId: string | null, year: number) {
  return useQuery({
    queryKey: queryKeys.calendar(regionId ?? '', year),
    queryFn: () =>
      api.get<RegionCalendar>(`/api/regions/${enc(regionId ?? '')}/calendar`, { query: { year } }),
    enabled: regionId !== null,
  });
}

export function usePutCalendarEntry(regionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ date, entry }: { date: string; entry: CalendarEntryInput }) =>
      api.put<CalendarEntryInput & { date: string }>(
        `/api/regions/${enc(regionId)}/calendar/${enc(date)}`,
        entry,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['calendar'] }),
  });
}

export function useDeleteCalendarEntry(regionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (date: string) => api.delete<void>(`/api/regions/${enc(regionId)}/calendar/${enc(date)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['calendar'] }),
  });
}
