import { AUDIT_ACTIONS } from '../../domain/audit-actions';
import type { Weekday } from '../../domain/dates';
import { INSURANCE_KINDS } from '../../domain/plan';
import { ACTIVITY_CATEGORIES, FUND_CATEGORIES, SESSION_KINDS } from '../../domain/policy';
import type { AuditEntry, Gender, Membership, RegionLevel, Role, SchoolType } from '../api/types';
import { classLabel, formatDate, type Lang } from './format';
import { isMessageKey, type MessageKey, type TFunction } from './i18n';

// Names for the codes the API sends. Codes the UI does not know (a newer server) show as-is.

export function roleLabel(t: TFunction, role: Role): string {
  return t(`role.${role}`);
}

export function schoolTypeLabel(t: TFunction, type: SchoolType): string {
  return t(`schoolType.${type}`);
}

export function regionLevelLabel(t: TFunction, level: RegionLevel): string {
  return t(`regionLevel.${level}`);
}

export function genderLabel(t: TFunction, gender: Gender): string {
  return t(`gender.${gender}`);
}

function lookup(t: TFunction, prefix: string, code: string): string {
  const key = `${prefix}${code}`;
  return isMessageKey(key) ? t(key) : code;
}

// 关系 is stored as the Chinese words the school wrote (父亲, 母亲, …), not as a code. The usual
// words, formal and everyday, have an English name.
const RELATION_KEYS = new Map<string, MessageKey>([
  ['父亲', 'relation.father'],
  ['爸爸', 'relation.father'],
  ['母亲', 'relation.mother'],
  ['妈妈', 'relation.mother'],
  ['祖父', 'relation.grandfather'],
  ['爷爷', 'relation.grandfather'],
  ['祖母', 'relation.grandmother'],
  ['奶奶', 'relation.grandmother'],
  ['外祖父', 'relation.maternal_grandfather'],
  ['外公', 'relation.maternal_grandfather'],
  ['外祖母', 'relation.maternal_grandmother'],
  ['外婆', 'relation.maternal_grandmother'],
  ['监护人', 'relation.guardian'],
  ['其他亲属', 'relation.other_relative'],
  ['其他', 'relation.other'],
]);

/** The guardian's relation to the child: in Chinese as stored; in English when the words are known. */
export function relationLabel(t: TFunction, lang: Lang, relation: string): string {
  if (lang === 'zh-CN') return relation;
  const key = RELATION_KEYS.get(relation.trim());
  return key ? t(key) : relation;
}

/** An audited action in words; every action the server records has them (audit.test.ts). */
export function auditActionLabel(t: TFunction, action: string): string {
  return lookup(t, 'audit.action.', action);
}

/** The audit actions offered in the filter: every action the server records. */
export const AUDIT_FILTER_ACTIONS = AUDIT_ACTIONS;

type AuditTarget = NonNullable<AuditEntry['target']>;

/** What an audit entry is about, as the server named it: 王小明（二年级1班）, 东湖区实验小学, 2026年11月30日… */
export function auditTargetText(t: TFunction, lang: Lang, target: AuditTarget): string {
  switch (target.kind) {
    case 'student':
      return t('audit.target.student', {
        name: target.name,
        class: classLabel(target.grade, target.className, lang),
      });
    case 'pickup_person': {
      const relation = relationLabel(t, lang, target.relation);
      return target.student
        ? t('audit.target.pickupPersonOf', { name: target.name, relation, student: target.student })
        : t('audit.target.pickupPerson', { name: target.name, relation });
    }
    case 'login':
      return t('audit.target.login', { name: target.name });
    case 'plan':
      return t('audit.target.plan', { school: target.school, term: target.term });
    case 'roster':
      return t('audit.target.roster', {
        term: target.term,
        weekday:
          target.weekday === null ? '' : t(`weekday.${Math.min(7, Math.max(1, target.weekday)) as Weekday}`),
        group: target.group ?? t('audit.target.allGroups'),
      });
    case 'policy_version':
      return t('audit.target.policyVersion', { region: target.region, version: target.version });
    case 'handover':
      return t('audit.target.handover', {
        date: formatDate(target.date, lang),
        group: target.group ?? '',
        stage:
          target.stage === 'end'
            ? t('daily.close.handover.stage.end')
            : t('daily.close.handover.stage.start'),
      });
    case 'visitor':
      return t('audit.target.visitor', { name: target.name, date: formatDate(target.date, lang) });
    case 'date':
      return formatDate(target.date, lang);
    case 'person':
    case 'school':
    case 'region':
    case 'term':
      return target.name;
  }
}

/** One entry in words: 放行：王小明（二年级1班） / Released: 王小明 (Grade 2, 1班). */
export function auditLine(t: TFunction, lang: Lang, entry: Pick<AuditEntry, 'action' | 'target'>): string {
  const action = auditActionLabel(t, entry.action);
  return entry.target ? t('audit.line', { action, target: auditTargetText(t, lang, entry.target) }) : action;
}

/** `学校管理员 · 实验小学`: which hat the user wears, and where. */
export function membershipLabel(t: TFunction, membership: Membership): string {
  const scope = membership.schoolName ?? membership.regionName;
  const role = roleLabel(t, membership.role);
  return scope ? t('user.membershipLabel', { role, scope }) : role;
}

/** A text the domain gives in both languages (policy labels, plan findings), in the UI language. */
export function bilingual(lang: Lang, text: { zh: string; en: string }): string {
  return lang === 'en' ? text.en : text.zh;
}

function fromRecord(lang: Lang, record: Record<string, { zh: string; en: string }>, code: string): string {
  const text = Object.hasOwn(record, code) ? record[code] : undefined;
  return text ? bilingual(lang, text) : code;
}

/** B 三: 自主阅读、完成作业、个别辅导、体育、美育、科技… */
export function activityCategoryLabel(lang: Lang, code: string): string {
  return fromRecord(lang, ACTIVITY_CATEGORIES, code);
}

/** 看护自习、答疑辅导、活动 — and the forbidden 集体补课、新课教学 (B 六(二)). */
export function sessionKindLabel(lang: Lang, code: string): string {
  return fromRecord(lang, SESSION_KINDS, code);
}

/** B 六(四): what the special funds may pay for. */
export function fundCategoryLabel(lang: Lang, code: string): string {
  return fromRecord(lang, FUND_CATEGORIES, code);
}

/** B 六(三): 校方责任保险、学生意外伤害保险. */
export function insuranceKindLabel(lang: Lang, code: string): string {
  return fromRecord(lang, INSURANCE_KINDS, code);
}
