// F-27: what an import would do and every problem of every row, before anything is saved.
import type { ActorContext } from '../../context.js';
import { authorize, loadSchoolScope } from '../../policies/authorize.js';
import { examineImport } from './examine-import.js';
import type { ImportKind, ImportPreview } from './schemas.js';

export async function assertMayImport(ctx: ActorContext, schoolId: string) {
  const scope = await loadSchoolScope(ctx.db, schoolId);
  authorize(ctx.actor, 'roster.import', { regionPath: scope.regionPath, schoolId });
  return scope;
}

export async function previewImport(
  ctx: ActorContext,
  input: { schoolId: string; kind: ImportKind; fileName: string; bytes: Buffer },
): Promise<ImportPreview> {
  await assertMayImport(ctx, input.schoolId);
  const examined = await examineImport(ctx.db, input);
  return {
    kind: input.kind,
    fileName: input.fileName,
    rows: examined.dataRows,
    counts: examined.counts,
    problems: examined.problems,
  };
}
