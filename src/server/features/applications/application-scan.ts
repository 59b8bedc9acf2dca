import { and, eq } from 'drizzle-orm';
import { consents, files } from '../../../db/schema.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { authorize, loadSchoolScope } from '../../policies/authorize.js';

// The scan of a paper application: the evidence of the guardian's consent, for the school office only.
export async function applicationScan(
  ctx: ActorContext,
  options: { schoolId: string; applicationId: string },
): Promise<{ contentType: string; fileName: string; content: Buffer }> {
  const scope = await loadSchoolScope(ctx.db, options.schoolId);
  authorize(ctx.actor, 'application.review', { regionPath: scope.regionPath, schoolId: scope.schoolId });
  const [file] = await ctx.db
    .select({ contentType: files.contentType, fileName: files.fileName, content: files.content })
    .from(consents)
    .innerJoin(files, and(eq(files.schoolId, consents.schoolId), eq(files.fileId, consents.scanFileId)))
    .where(and(eq(consents.schoolId, options.schoolId), eq(consents.applicationId, options.applicationId)));
  if (!file) throw new AppError('NOT_FOUND', { zh: '该申请没有扫描件', en: 'This application has no scan' });
  return file;
}
