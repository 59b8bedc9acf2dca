import { z } from 'zod';

export const importKind = z.enum(['students', 'staff']);
export type ImportKind = z.infer<typeof importKind>;

export const importParams = z.object({ schoolId: z.uuid(), kind: importKind });
export type ImportParams = z.infer<typeof importParams>;

export const importProblemSchema = z.object({
  /** Spreadsheet row (header = 1); 1 with column '' for the file as a whole. */
  row: z.number().int(),
  column: z.string(),
  code: z.string(),
  message: z.object({ zh: z.string(), en: z.string() }),
});
export type ImportProblemView = z.infer<typeof importProblemSchema>;

export const importCountsSchema = z.object({
  students: z.number().int(),
  newClasses: z.number().int(),
  guardians: z.number().int(),
  newGuardianAccounts: z.number().int(),
  linkedGuardianAccounts: z.number().int(),
  guardianships: z.number().int(),
  staff: z.number().int(),
  newAccounts: z.number().int(),
  linkedAccounts: z.number().int(),
});
export type ImportCounts = z.infer<typeof importCountsSchema>;

export const importPreviewSchema = z.object({
  kind: importKind,
  fileName: z.string(),
  /** Data rows read (blank rows not counted). */
  rows: z.number().int(),
  counts: importCountsSchema,
  problems: z.array(importProblemSchema),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const importResultSchema = z.object({
  kind: importKind,
  fileName: z.string(),
  counts: importCountsSchema,
});
export type ImportResultView = z.infer<typeof importResultSchema>;
