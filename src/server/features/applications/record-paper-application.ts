import type { ApplicationInput } from '../../../domain/enrollment.js';
import { checkPaperFormDate } from '../../../domain/enrollment.js';
import { recordAudit } from '../../audit.js';
import { schoolDate } from '../../clock.js';
import type { ActorContext } from '../../context.js';
import { AppError } from '../../errors.js';
import { authorize } from '../../policies/authorize.js';
import { storeFile, type Upload } from '../../uploads.js';
import { loadChild, loadTermNotice } from './application-setting.js';
import { checkAgainstNotice } from './check-application.js';
import { noticePolicy } from './notice-policy.js';
import { recordApplication } from './record-application.js';

// B 四(一) 家长提出书面申请: the school office records a guardian's paper form. There is no consent
// without the guardian's name, the date on the form and its scan (PDF, JPEG or PNG, checked by
// content): the scan is the evidence the consent rests on.
export async function recordPaperApplication(
  ctx: ActorContext,
  options: {
    schoolId: string;
    studentId: string;
    termId: string;
    noticeVersion: number;
    guardianName: string;
    formDate: string;
    scan: Upload;
  } & ApplicationInput,
) {
  const notice = await loadTermNotice(ctx.db, options.schoolId, options.termId);
  authorize(ctx.actor, 'application.review', {
    regionPath: notice.school.regionPath,
    schoolId: options.schoolId,
  });
  const child = await loadChild(ctx.db, options.schoolId, options.studentId);
  const now = ctx.clock.now();
  const problem = checkPaperFormDate({
    formDate: options.formDate,
    today: schoolDate(now),
    noticePublishedOn: schoolDate(notice.publishedAt),
  });
  if (problem) {
    throw new AppError('VALIDATION_FAILED', {
      zh: problem.zh,
      en: problem.en,
      details: { fields: [{ path: `body.${problem.path}`, message: `${problem.zh} / ${problem.en}` }] },
    });
  }
  const policy = await noticePolicy(ctx.db, notice);
  const checked = checkAgainstNotice(notice, child, options.noticeVersion, options, policy);
  return ctx.db.transaction(async (tx) => {
    const scanFileId = await storeFile(tx, {
      schoolId: options.schoolId,
      purpose: 'application_scan',
      upload: options.scan,
      uploadedBy: ctx.actor.userId,
    });
    const recorded = await recordApplication(tx, {
      schoolId: options.schoolId,
      termId: options.termId,
      planId: notice.planId,
      noticeVersion: notice.version,
      studentId: options.studentId,
      application: checked,
      recordedBy: ctx.actor.userId,
      at: now,
      consent: {
        source: 'paper',
        guardianName: options.guardianName,
        // The date on the form, at 00:00 in Shanghai.
        formDate: new Date(`${options.formDate}T00:00:00+08:00`),
        scanFileId,
      },
    });
    await recordAudit(tx, ctx.meta, {
      actorUserId: ctx.actor.userId,
      action: 'application.record_paper',
      objectType: 'application',
      objectId: recorded.application.applicationId,
      schoolId: options.schoolId,
      regionId: notice.school.regionId,
      at: now,
      details: {
        studentId: options.studentId,
        guardianName: options.guardianName,
        formDate: options.formDate,
        scanFileId,
        consentId: recorded.consent.consentId,
      },
    });
    return recorded.application;
  });
}
