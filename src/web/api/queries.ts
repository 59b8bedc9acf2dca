import {
  keepPreviousData,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from './client';
import { prefetched } from './prefetch';
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
  NoServiceDay,
  Page,
  PlanDetail,
  PlanListItem,
  PolicyVersion,
  PublishPolicyInput,
  Region,
  RegionCalendar,
  RegionPlans,
  RegionPlansQuery,
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
  schoolPlans: (schoolId: string) => ['plans', 'school', schoolId] as const,
  plan: (schoolId: string, planId: string) => ['plans', 'detail', schoolId, planId] as const,
  regionPlans: (regionId: string, query: RegionPlansQuery) => ['plans', 'region', regionId, query] as const,
  noServiceDays: (schoolId: string, termId: string | null) => ['no-service-days', schoolId, termId] as const,
};

const enc = encodeURIComponent;

// ---- session ----

// The last session the server confirmed, kept on the device so that a phone reloading the page where
// the network is dead still opens its pages (the roll call works from its offline queue, B-4). Only
// used when the server cannot be reached; any answer of the server replaces or clears it.
const OFFLINE_SESSION_KEY = 'kehou.session';

function keepSessionOffline(session: Session | null): void {
  try {
    if (session) window.localStorage.setItem(OFFLINE_SESSION_KEY, JSON.stringify(session));
    else window.localStorage.removeItem(OFFLINE_SESSION_KEY);
  } catch {
    // Storage blocked: the page then needs the network to open.
  }
}

function sessionKeptOffline(): Session | null {
  try {
    const text = window.localStorage.getItem(OFFLINE_SESSION_KEY);
    return text ? (JSON.parse(text) as Session) : null;
  } catch {
    return null;
  }
}

async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/api/auth/session', { allowUnauthorized: true });
    setCsrfToken(session.csrfToken);
    keepSessionOffline(session);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      keepSessionOffline(null);
      return null;
    }
    const kept = error instanceof ApiError && error.isNetworkError ? sessionKeptOffline() : null;
    if (kept) {
      setCsrfToken(kept.csrfToken);
      return kept;
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
  keepSessionOffline(session);
  queryClient.setQueryData(queryKeys.session, session);
}

export function forgetSession(queryClient: QueryClient): void {
  setCsrfToken(null);
  keepSessionOffline(null);
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
    // Started by the route's loader when the home was entered (issue 14.10), else asked here.
    queryFn: () =>
      prefetched<ItemList<Child>>('/api/guardian/children') ??
      api.get<ItemList<Child>>('/api/guardian/children'),
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

// ---- plans (F-02, F-03; B 六(五) 报市教育局审定) ----

export function useSchoolPlans(schoolId: string | null) {
  return useQuery({
    queryKey: queryKeys.schoolPlans(schoolId ?? ''),
    queryFn: () => api.get<ItemList<PlanListItem>>(`/api/schools/${enc(schoolId ?? '')}/plans`),
    select: (data) => data.items,
    enabled: schoolId !== null,
  });
}

export function usePlan(schoolId: string | null, planId: string | null) {
  return useQuery({
    queryKey: queryKeys.plan(schoolId ?? '', planId ?? ''),
    queryFn: () => api.get<PlanDetail>(`/api/schools/${enc(schoolId ?? '')}/plans/${enc(planId ?? '')}`),
    enabled: schoolId !== null && planId !== null,
  });
}

/** Every plan write answers with the plan as it now is: it replaces the cached one. */
function usePlanWrite<I>(schoolId: string, send: (input: I) => Promise<PlanDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (plan) => {
      queryClient.setQueryData(queryKeys.plan(plan.schoolId, plan.id), plan);
      return queryClient.invalidateQueries({
        predicate: (q) => q.queryKey[0] === 'plans' && q.queryKey[1] !== 'detail',
      });
    },
    onError: () => queryClient.invalidateQueries({ queryKey: ['plans', 'detail', schoolId] }),
  });
}

export function useCreatePlan(schoolId: string) {
  return usePlanWrite(schoolId, (termId: string) =>
    api.post<PlanDetail>(`/api/schools/${enc(schoolId)}/plans`, { termId }),
  );
}

export function useSavePlan(schoolId: string, planId: string) {
  return usePlanWrite(schoolId, (input: { revision: number; content: PlanDetail['content'] }) =>
    api.put<PlanDetail>(`/api/schools/${enc(schoolId)}/plans/${enc(planId)}`, input),
  );
}

export type PlanDecision = 'submit' | 'return' | 'approve' | 'reopen';

/** Submit (the school), return or approve (the bureau), reopen (the school, an approved plan). */
export function usePlanDecision(schoolId: string, planId: string, decision: PlanDecision) {
  return usePlanWrite(schoolId, (input: { revision: number; comment?: string | null }) =>
    api.post<PlanDetail>(`/api/schools/${enc(schoolId)}/plans/${enc(planId)}/${decision}`, input),
  );
}

export function useRegionPlans(regionId: string | null, query: RegionPlansQuery) {
  return useQuery({
    queryKey: queryKeys.regionPlans(regionId ?? '', query),
    queryFn: ({ signal }) =>
      api.get<RegionPlans>(`/api/regions/${enc(regionId ?? '')}/plans`, {
        query: { termCode: query.termCode, status: query.status },
        signal,
      }),
    enabled: regionId !== null,
    placeholderData: keepPreviousData,
  });
}

// ---- school no-service days (F-04: exams, weather) ----

export function useNoServiceDays(schoolId: string | null, termId: string | null) {
  return useQuery({
    queryKey: queryKeys.noServiceDays(schoolId ?? '', termId),
    queryFn: () =>
      api.get<ItemList<NoServiceDay>>(`/api/schools/${enc(schoolId ?? '')}/no-service-days`, {
        query: { termId },
      }),
    select: (data) => data.items,
    enabled: schoolId !== null,
  });
}

function useNoServiceDayWrite<I>(send: (input: I) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    // The plans' service days change with them.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['no-service-days'] }),
        queryClient.invalidateQueries({ queryKey: ['plans'] }),
      ]),
  });
}

export function useSetNoServiceDay(schoolId: string) {
  return useNoServiceDayWrite(({ date, reason }: { date: string; reason: string }) =>
    api.put<NoServiceDay>(`/api/schools/${enc(schoolId)}/no-service-days/${enc(date)}`, { reason }),
  );
}

export function useRemoveNoServiceDay(schoolId: string) {
  return useNoServiceDayWrite((date: string) =>
    api.delete<void>(`/api/schools/${enc(schoolId)}/no-service-days/${enc(date)}`),
  );
}
