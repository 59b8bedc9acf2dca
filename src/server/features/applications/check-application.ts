// The checks an online and a paper application share: the notice version the guardian agreed to is
// the current one, the child's grade is served, and the choices fit the notice (domain/enrollment.ts).
import {
  type ApplicationInput,
  type CheckedApplication,
  checkApplication,
  gradeIsServed,
} from '../../../domain/enrollment.js';
import type { RegionPolicy } from '../../../domain/policy.js';
import { AppError } from '../../errors.js';
import type { ChildRecord, TermNotice } from './application-setting.js';

export function checkAgainstNotice(
  notice: TermNotice,
  child: ChildRecord,
  noticeVersion: number,
  input: ApplicationInput,
  // The policy the notice was approved under (notice-policy.ts).
  policy: Pick<RegionPolicy, 'leaveAloneMinGrade'>,
): CheckedApplication {
  // B 四(一) 自愿参加: consent is to what the guardian read. A notice republished since (an amended
  // plan approved again) may change days, batches or times, so they read it again first.
  if (noticeVersion !== notice.version) {
    throw new AppError('NOTICE_CHANGED', {
      zh: `服务公示已更新为第 ${notice.version} 版（您阅读的是第 ${noticeVersion} 版），请重新阅读后再报名`,
      en: `The notice is now version ${notice.version} (you read version ${noticeVersion}); please read it again before applying`,
      details: { currentVersion: notice.version },
    });
  }
  // B 一: 服务对象为1-2年级 (pilot); C: 全覆盖 — the grades the approved plan serves.
  if (!gradeIsServed(notice.content, child.grade)) {
    throw new AppError('GRADE_NOT_SERVED', {
      zh: `本学期课后服务面向 ${notice.content.grades.join('、')} 年级，${child.name}（${child.grade} 年级）不在服务范围内`,
      en: `This term the service is for grades ${notice.content.grades.join(', ')}; ${child.name} is in grade ${child.grade}`,
    });
  }
  const checked = checkApplication(input, notice.content, {
    grade: child.grade,
    minGrade: policy.leaveAloneMinGrade,
  });
  if (!checked.ok) {
    throw new AppError('VALIDATION_FAILED', {
      zh: checked.problems.map((p) => p.zh).join('；'),
      en: checked.problems.map((p) => p.en).join('; '),
      details: {
        fields: checked.problems.map((p) => ({ path: `body.${p.path}`, message: `${p.zh} / ${p.en}` })),
      },
    });
  }
  return checked.application;
}
