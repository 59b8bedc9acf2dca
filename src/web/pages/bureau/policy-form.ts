// The region policy (F-01) as the bureau's form holds it, and back. The form shows class hours as
// people write them (1.5, not 15 tenths) and money in yuan (50, not 5,000 fen); the policy keeps
// tenths and fen so that every computation stays in integers.
import { formatTenths, type PolicyField, type PolicyValue, type RegionPolicy } from '../../../domain/policy';
import { formatGrades, formatMoneyFen, type Lang } from '../../i18n/format';
import type { MessageKey, TFunction } from '../../i18n/i18n';
import { activityCategoryLabel, fundCategoryLabel, sessionKindLabel } from '../../i18n/labels';

export interface PolicyFormValues
  extends Omit<
    RegionPolicy,
    | 'minClassHoursPerDayTenths'
    | 'feePerClassHourFen'
    | 'feeClassHoursPerDayTenths'
    | 'staffWeeklyLimitMinutes'
  > {
  minClassHoursPerDay: number;
  feePerClassHourYuan: number;
  feeClassHoursPerDay: number;
  staffWeeklyLimitHours: number;
}

/** 15 → 1.5 */
export function fromTenths(tenths: number): number {
  return tenths / 10;
}

/** 1.5 → 15; a value the form could not read stays NaN for the server to refuse. */
export function toTenths(value: number | null | undefined): number {
  return typeof value === 'number' ? Math.round(value * 10) : Number.NaN;
}

/** 480 minutes → 8 hours */
export function minutesToHours(minutes: number): number {
  return minutes / 60;
}

/** 8.5 hours → 510 minutes, rounded to the minute; a value the form could not read stays NaN. */
export function hoursToMinutes(hours: number | null | undefined): number {
  return typeof hours === 'number' ? Math.round(hours * 60) : Number.NaN;
}

/** 5000 fen → 50 yuan */
export function fenToYuan(fen: number): number {
  return fen / 100;
}

/** 50.5 yuan → 5050 fen, rounded to the fen (the form allows two decimals). */
export function yuanToFen(yuan: number | null | undefined): number {
  return typeof yuan === 'number' ? Math.round(yuan * 100) : Number.NaN;
}

export function policyToForm(policy: RegionPolicy): PolicyFormValues {
  const {
    minClassHoursPerDayTenths,
    feePerClassHourFen,
    feeClassHoursPerDayTenths,
    staffWeeklyLimitMinutes,
    ...rest
  } = policy;
  return {
    ...structuredClone(rest),
    minClassHoursPerDay: fromTenths(minClassHoursPerDayTenths),
    feePerClassHourYuan: fenToYuan(feePerClassHourFen),
    feeClassHoursPerDay: fromTenths(feeClassHoursPerDayTenths),
    staffWeeklyLimitHours: minutesToHours(staffWeeklyLimitMinutes),
  };
}

/** The policy the form describes. Lists come back sorted, as the form does not order them. */
export function formToPolicy(values: PolicyFormValues): RegionPolicy {
  const { minClassHoursPerDay, feePerClassHourYuan, feeClassHoursPerDay, staffWeeklyLimitHours, ...rest } =
    values;
  return {
    model: rest.model,
    daysPerWeek: rest.daysPerWeek,
    servedGrades: [...(rest.servedGrades ?? [])].sort((a, b) => a - b),
    classHourMinutes: { ...rest.classHourMinutes },
    minClassHoursPerDayTenths: toTenths(minClassHoursPerDay),
    summerSeason: { ...rest.summerSeason },
    endTimes: { ...rest.endTimes },
    offWorkTimes: { ...rest.offWorkTimes },
    endAfterOffWorkMinutes: rest.endAfterOffWorkMinutes,
    staffing: { ...rest.staffing },
    feePerClassHourFen: yuanToFen(feePerClassHourYuan),
    feeClassHoursPerDayTenths: toTenths(feeClassHoursPerDay),
    activityCategories: [...(rest.activityCategories ?? [])],
    forbiddenKinds: [...(rest.forbiddenKinds ?? [])],
    fundCategories: [...(rest.fundCategories ?? [])],
    absenceFollowUpLimitMinutes: rest.absenceFollowUpLimitMinutes,
    pickupGraceMinutes: rest.pickupGraceMinutes,
    staffWeeklyLimitMinutes: hoursToMinutes(staffWeeklyLimitHours),
    makeUpWorkdays: { ...rest.makeUpWorkdays },
    leaveAloneMinGrade: rest.leaveAloneMinGrade,
  };
}

function list(value: PolicyValue): (string | number)[] {
  return Array.isArray(value) ? [...value] : [];
}

/** A parameter's value as the bureau reads it: 1.5 课时, ¥50.00, 一至二年级, 自主阅读、体育… */
export function formatPolicyValue(field: PolicyField, value: PolicyValue, lang: Lang, t: TFunction): string {
  if (value === undefined || value === null) return t('common.empty');
  const sep = lang === 'en' ? ', ' : '、';
  switch (field) {
    case 'model':
      return t(value === '5+2' ? 'policy.model.5+2' : 'policy.model.pilot-4');
    case 'servedGrades':
      return formatGrades(list(value).map(Number), lang);
    case 'minClassHoursPerDayTenths':
    case 'feeClassHoursPerDayTenths':
      return t('policy.classHours', { n: formatTenths(Number(value)) });
    case 'feePerClassHourFen':
      return Number.isSafeInteger(value) ? formatMoneyFen(Number(value), lang) : String(value);
    case 'staffing.teacherRounding':
    case 'staffing.managerRounding':
      return t(value === 'ceil' ? 'policy.rounding.ceil' : 'policy.rounding.floor');
    case 'activityCategories':
      return list(value)
        .map((v) => activityCategoryLabel(lang, String(v)))
        .join(sep);
    case 'forbiddenKinds':
      return list(value)
        .map((v) => sessionKindLabel(lang, String(v)))
        .join(sep);
    case 'fundCategories':
      return list(value)
        .map((v) => fundCategoryLabel(lang, String(v)))
        .join(sep);
    case 'daysPerWeek':
      return t('policy.daysValue', { n: String(value) });
    case 'staffWeeklyLimitMinutes':
      return Number.isFinite(value)
        ? t('rota.limit.hoursValue', { hours: String(minutesToHours(Number(value))) })
        : String(value);
    case 'makeUpWorkdays.rule':
    case 'makeUpWorkdays.byDefault':
      return value === 'served' || value === 'not_served' || value === 'plan_chooses'
        ? t(`policy.makeUp.${value}`)
        : String(value);
    case 'classHourMinutes.primary':
    case 'classHourMinutes.juniorMiddle':
    case 'endAfterOffWorkMinutes':
    case 'absenceFollowUpLimitMinutes':
    case 'pickupGraceMinutes':
      return t('policy.minutesValue', { n: String(value) });
    default:
      return Array.isArray(value) ? value.join(sep) : String(value);
  }
}

// The form's own label of each parameter (money in yuan, class hours as 1.5), for the change lists.
const FIELD_LABEL: Record<PolicyField, MessageKey> = {
  model: 'policy.f.model',
  daysPerWeek: 'policy.f.daysPerWeek',
  servedGrades: 'policy.f.servedGrades',
  'classHourMinutes.primary': 'policy.f.classHourPrimary',
  'classHourMinutes.juniorMiddle': 'policy.f.classHourJunior',
  minClassHoursPerDayTenths: 'policy.f.minClassHoursPerDay',
  'summerSeason.from': 'policy.f.summerFrom',
  'summerSeason.to': 'policy.f.summerTo',
  'endTimes.summer': 'policy.f.endSummer',
  'endTimes.other': 'policy.f.endOther',
  'offWorkTimes.summer': 'policy.f.offWorkSummer',
  'offWorkTimes.other': 'policy.f.offWorkOther',
  endAfterOffWorkMinutes: 'policy.f.endAfterOffWork',
  'staffing.studentsPerTeacher': 'policy.f.perTeacher',
  'staffing.teacherRounding': 'policy.f.teacherRounding',
  'staffing.studentsPerManager': 'policy.f.perManager',
  'staffing.managerRounding': 'policy.f.managerRounding',
  feePerClassHourFen: 'policy.f.feePerClassHour',
  feeClassHoursPerDayTenths: 'policy.f.feeClassHours',
  activityCategories: 'policy.f.activityCategories',
  forbiddenKinds: 'policy.f.forbiddenKinds',
  fundCategories: 'policy.f.fundCategories',
  absenceFollowUpLimitMinutes: 'policy.f.absenceLimit',
  pickupGraceMinutes: 'policy.f.pickupGrace',
  staffWeeklyLimitMinutes: 'policy.f.staffWeeklyLimit',
  'makeUpWorkdays.rule': 'policy.f.makeUpRule',
  'makeUpWorkdays.byDefault': 'policy.f.makeUpDefault',
  leaveAloneMinGrade: 'guardianPhone.policy.leaveAloneMinGrade',
};

/** The label of a parameter as the form shows it; a field this page does not know shows as-is. */
export function policyFieldLabel(field: string, t: TFunction): string {
  const key = (FIELD_LABEL as Record<string, MessageKey | undefined>)[field];
  return key ? t(key) : field;
}
