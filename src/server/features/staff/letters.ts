// Responsibility letters (A 三.1: 学校与看护工作人员签订岗位责任书): the dates and the scan of the signed
// letter, uploaded as PDF, JPEG or PNG (checked by content). The scan is read by those who read staff.
import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { files, responsibilityLetters } from '../../../db/schema.js';
import { recordAudit } from '../../audit.js';
import { schoolDate } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { readUpload, SCAN_MAX_BYTES, storeFile } from '../../uploads.js';
import { letterFields, type StaffItem } from './schemas.js';
import { loadStaff, staffItem, staffScope } from './staff-records.js';

export async function uploadLetter(
  ctx: ActorContext,
  request: FastifyRequest,
  options: { schoolId: string; staffId: string },
): Promise<StaffItem> {
  // Permission first: nobody else's upload is read at all.
  const scope = await staffScope(ctx, options.schoolId, 'staff.write');
  const person = await loadStaff(ctx.db, scope.schoolId, options.staffId);
  if (person.archivedAt)
    throw new AppError('VALIDATION_FAILED', {
      zh: '该看护人员已停用，不能登记责任书',
      en: 'This staff member is archived; no letter can be recorded',
    });
  const upload = await readUpload(request, { accept: ['pdf', 'jpeg', 'png'], maxBytes: SCAN_MAX_BYTES });
  const parsed = letterFields.safeParse(upload.fields);
  const today = schoolDate(ctx.clock.now());
  const fields = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({
        path: `body.${i.path.join('.') || 'fields'}`,
        message: i.message,
      }));
  if (parsed.success && parsed.data.signedOn > today)
    fields.push({
      path: 'body.signedOn',
      message: '签订日期不能晚于今天 / The date signed cannot be after today',
    });
  if (!parsed.success || fields.length > 0)
    throw new AppError('VALIDATION_FAILED', {
      zh: `责任书信息有误：${fields.map((f) => f.path).join(', ')}`,
      en: `The letter is not valid: ${fields.map((f) => f.path).join(', ')}`,
      details: { fields },
    });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const scanFileId = await storeFile(tx, {
      schoolId: scope.schoolId,
      purpose: 'letter_scan',
      upload,
      uploadedBy: ctx.actor.userId,
    });
    const [letter] = await tx
      .insert(responsibilityLetters)
      .values({
        schoolId: scope.schoolId,
        staffId: person.staffId,
        signedOn: parsed.data.signedOn,
        validUntil: parsed.data.validUntil,
        scanFileId,
        createdBy: ctx.actor.userId,
        createdAt: now,
      })
      .returning({ letterId: responsibilityLetters.letterId });
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'staff.letter.upload',
      objectType: 'responsibility_letter',
      objectId: letter?.letterId ?? null,
      schoolId: scope.schoolId,
      regionId: scope.regionId,
      at: now,
      details: {
        staffId: person.staffId,
        signedOn: parsed.data.signedOn,
        validUntil: parsed.data.validUntil,
        contentType: upload.contentType,
        bytes: upload.bytes.length,
      },
    });
  });
  return staffItem(ctx, scope.schoolId, person.staffId);
}

export async function listLetters(ctx: ActorContext, options: { schoolId: string; staffId: string }) {
  const scope = await staffScope(ctx, options.schoolId, 'staff.read');
  await loadStaff(ctx.db, scope.schoolId, options.staffId);
  const item = await staffItem(ctx, scope.schoolId, options.staffId);
  return { letterStatus: item.letterStatus, items: item.letters };
}

export async function letterScan(
  ctx: ActorContext,
  options: { schoolId: string; staffId: string; letterId: string },
): Promise<{ contentType: string; fileName: string; content: Buffer }> {
  const scope = await staffScope(ctx, options.schoolId, 'staff.read');
  const [row] = await ctx.db
    .select({ contentType: files.contentType, fileName: files.fileName, content: files.content })
    .from(responsibilityLetters)
    .innerJoin(
      files,
      and(
        eq(files.schoolId, responsibilityLetters.schoolId),
        eq(files.fileId, responsibilityLetters.scanFileId),
      ),
    )
    .where(
      and(
        eq(responsibilityLetters.schoolId, scope.schoolId),
        eq(responsibilityLetters.staffId, options.staffId),
        eq(responsibilityLetters.letterId, options.letterId),
      ),
    );
  if (!row) throw new AppError('NOT_FOUND', { zh: '找不到该责任书', en: 'No such letter' });
  return row;
}
