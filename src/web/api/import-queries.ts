// F-27 import and export of the school's lists, and one-time sign-in codes. Uploads go through
// XMLHttpRequest rather than fetch: only it reports upload progress, which a 10 MB file on a school's
// line needs.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CodeSummary,
  codeLoginBody,
  IssueCodesBody,
  IssueCodesResponse,
} from '../../server/features/guardian-codes/schemas';
import type {
  ImportKind,
  ImportPreview,
  ImportProblemView,
  ImportResultView,
} from '../../server/features/roster-import/schemas';
import { ApiError, api } from './client';
import { queryKeys, rememberSession } from './queries';
import type { Session } from './types';

export type {
  CodeSummary,
  ImportKind,
  ImportPreview,
  ImportProblemView,
  ImportResultView,
  IssueCodesResponse,
};
export type IssueCodesInput = IssueCodesBody;
export type CodeLoginInput = z.infer<typeof codeLoginBody>;
export type IssuedCode = IssueCodesResponse['items'][number];

const enc = encodeURIComponent;

export function templateUrl(schoolId: string, kind: ImportKind): string {
  return `/api/schools/${enc(schoolId)}/import/${kind}/template`;
}

export function exportUrl(schoolId: string, kind: ImportKind): string {
  return `/api/schools/${enc(schoolId)}/export/${kind}`;
}

/** An upload the server refused; `problems` when the refusal lists the rows (commit with problems). */
export class ImportUploadError extends ApiError {
  readonly problems: ImportProblemView[];
  constructor(status: number, code: string, message: string, problems: ImportProblemView[]) {
    super(status, code, message);
    this.problems = problems;
  }
}

export interface UploadProgress {
  /** 0–100 while the bytes go up; the server then checks or saves. */
  percent: number;
  phase: 'uploading' | 'processing';
}

function uploadSheet<T>(
  url: string,
  file: File,
  csrfToken: string | undefined,
  onProgress: (p: UploadProgress) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) {
        onProgress({ percent: Math.round((event.loaded / event.total) * 100), phase: 'uploading' });
      }
    };
    xhr.upload.onload = () => onProgress({ percent: 100, phase: 'processing' });
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', ''));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(body as T);
        return;
      }
      const b = (body ?? {}) as {
        error?: string;
        message?: string;
        details?: { problems?: ImportProblemView[] };
      };
      reject(
        new ImportUploadError(
          xhr.status,
          b.error ?? `HTTP_${xhr.status}`,
          b.message ?? '',
          b.details?.problems ?? [],
        ),
      );
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

function useCsrf(): () => string | undefined {
  const client = useQueryClient();
  return () => client.getQueryData<Session | null>(queryKeys.session)?.csrfToken;
}

export interface UploadInput {
  schoolId: string;
  kind: ImportKind;
  file: File;
  onProgress: (p: UploadProgress) => void;
}

export function useImportPreview() {
  const csrf = useCsrf();
  return useMutation({
    mutationFn: ({ schoolId, kind, file, onProgress }: UploadInput) =>
      uploadSheet<ImportPreview>(
        `/api/schools/${enc(schoolId)}/import/${kind}/preview`,
        file,
        csrf(),
        onProgress,
      ),
  });
}

export function useImportCommit() {
  const csrf = useCsrf();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ schoolId, kind, file, onProgress }: UploadInput) =>
      uploadSheet<ImportResultView>(
        `/api/schools/${enc(schoolId)}/import/${kind}/commit`,
        file,
        csrf(),
        onProgress,
      ),
    onSuccess: (_result, input) => {
      client.invalidateQueries({ queryKey: ['students', input.schoolId] });
      client.invalidateQueries({ queryKey: ['members', input.schoolId] });
      client.invalidateQueries({ queryKey: ['login-codes', input.schoolId] });
    },
  });
}

// ---- one-time sign-in codes ----

export function useCodeSummary(schoolId: string | null) {
  return useQuery({
    queryKey: ['login-codes', schoolId],
    queryFn: () => api.get<CodeSummary>(`/api/schools/${enc(schoolId ?? '')}/login-codes`),
    enabled: schoolId !== null,
  });
}

export function useIssueCodes(schoolId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: IssueCodesInput) =>
      api.post<IssueCodesResponse>(`/api/schools/${enc(schoolId)}/login-codes`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['login-codes', schoolId] }),
  });
}

export function useCodeLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CodeLoginInput) =>
      api.post<Session>('/api/auth/code-login', input, { allowUnauthorized: true }),
    onSuccess: (session) => rememberSession(client, session),
  });
}

export function useFirstPassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (newPassword: string) => api.post<void>('/api/auth/first-password', { newPassword }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.session }),
  });
}
