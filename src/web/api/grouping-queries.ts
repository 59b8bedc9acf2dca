// F-08 编班 and F-07 课后看护学生名册: the term's grouping (saved, proposed, saved again) and the roster.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { z } from 'zod';
import type {
  groupingViewSchema,
  proposalBody,
  saveGroupingBody,
} from '../../server/features/grouping/schemas';
import type { rosterViewSchema } from '../../server/features/roster/schemas';
import { api } from './client';

export type GroupingView = z.infer<typeof groupingViewSchema>;
export type GroupingGroup = GroupingView['groups'][number];
export type GroupingMember = GroupingGroup['members'][number];
export type GroupingChild = GroupingView['children'][number];
export type GroupingProblemView = GroupingView['problems'][number];
export type GroupingDayView = GroupingView['days'][number];
export type ProposalInput = z.infer<typeof proposalBody>;
export type SaveGroupingInput = z.infer<typeof saveGroupingBody>;
export type RosterView = z.infer<typeof rosterViewSchema>;
export type RosterGroup = RosterView['groups'][number];
export type RosterChild = RosterGroup['children'][number];

const enc = encodeURIComponent;
const termPath = (schoolId: string, termId: string) => `/api/schools/${enc(schoolId)}/terms/${enc(termId)}`;

export const groupingKeys = {
  grouping: (schoolId: string, termId: string) => ['grouping', schoolId, termId] as const,
  roster: (schoolId: string, termId: string, weekday: number, groupId: string | null) =>
    ['roster', schoolId, termId, weekday, groupId] as const,
};

export function useGrouping(schoolId: string | null, termId: string | null) {
  return useQuery({
    queryKey: groupingKeys.grouping(schoolId ?? '', termId ?? ''),
    queryFn: () => api.get<GroupingView>(`${termPath(schoolId ?? '', termId ?? '')}/grouping`),
    enabled: schoolId !== null && termId !== null,
    // A 409 (no approved plan) is an answer, not a failure to retry.
    retry: false,
  });
}

/** 自动编班: a proposal from the server; nothing is saved. */
export function useProposeGrouping(schoolId: string, termId: string) {
  return useMutation({
    mutationFn: (input: ProposalInput) =>
      api.post<GroupingView>(`${termPath(schoolId, termId)}/grouping/proposal`, input),
  });
}

export function useSaveGrouping(schoolId: string, termId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SaveGroupingInput) =>
      api.put<GroupingView>(`${termPath(schoolId, termId)}/grouping`, input),
    onSuccess: (view) => {
      client.setQueryData(groupingKeys.grouping(schoolId, termId), view);
      return client.invalidateQueries({ queryKey: ['roster', schoolId, termId] });
    },
  });
}

export function useRoster(
  schoolId: string | null,
  termId: string | null,
  weekday: number,
  groupId: string | null,
) {
  return useQuery({
    queryKey: groupingKeys.roster(schoolId ?? '', termId ?? '', weekday, groupId),
    queryFn: () =>
      api.get<RosterView>(`${termPath(schoolId ?? '', termId ?? '')}/roster`, {
        query: { weekday, groupId: groupId ?? undefined },
      }),
    enabled: schoolId !== null && termId !== null,
  });
}

/** The xlsx download (F-28): a plain link, the session cookie goes with it. */
export function rosterExportUrl(schoolId: string, termId: string, weekday: number, groupId: string | null) {
  const query = new URLSearchParams({ weekday: String(weekday) });
  if (groupId) query.set('groupId', groupId);
  return `${termPath(schoolId, termId)}/roster/export?${query.toString()}`;
}

/**
 * Issue 13.9: a printed roster leaves the platform like a downloaded one and is audited too. Every
 * print of the page showing this roster is reported: `beforeprint` catches a print button and the
 * browser's own print alike; a report that fails (offline) does not hold the print up.
 */
export function useRosterPrintAudit(
  schoolId: string | null,
  termId: string | null,
  weekday: number,
  groupId: string | null,
) {
  useEffect(() => {
    if (!schoolId || !termId) return;
    const report = () => {
      void api
        .post<void>(`${termPath(schoolId, termId)}/roster/print`, undefined, { query: { weekday, groupId } })
        .catch(() => {});
    };
    window.addEventListener('beforeprint', report);
    return () => window.removeEventListener('beforeprint', report);
  }, [schoolId, termId, weekday, groupId]);
}
