import { AUDIT_ACTIONS } from '../../domain/audit-actions';
import type { Weekday } from '../../domain/dates';
import { INSURANCE_KINDS } from '../../domain/plan';
import { ACTIVITY_CATEGORIES, FUND_CATEGORIES, SESSION_KINDS } from '../../domain/policy';
import type { AuditEntry, Gender, Membership, RegionLevel, Role, SchoolType } from '../api/types';
import { classLabel, formatDate, generatedName, type Lang } from './format';
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

/**
 * A message whose user-typed values stand as `{name}` in `text`, with the values in `user`: the page
 * marks them as user text (MessageWithUserText), a plain string fills them in (`filled`).
 */
export interface MarkedText {
  text: string;
  user: Record<string, string>;
}

const HAN = /\p{Script=Han}/u;

/** A plain string of a marked text: the user values put back in place. */
export function filled(marked: MarkedText): string {
  return marked.text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(marked.user, name) ? (marked.user[name] ?? whole) : whole,
  );
}

/**
 * A name in a marked text: one kehou generated (a term, class, group) in the UI language
 * (generatedName), any other — the school's own — as the placeholder `{key}` of a user value.
 */
function nameValue(user: Record<string, string>, key: string, name: string, lang: Lang): string {
  if (!ownName(name)) return generatedName(name, lang);
  user[key] = name;
  return `{${key}}`;
}

/** A stored name kehou did not generate (generatedName has no English for it) and a user wrote in Chinese. */
function ownName(name: string): boolean {
  return generatedName(name, 'en') === name && HAN.test(name);
}

/** A class with its grade: a generated class in the UI language, the school's own class name as a user value. */
function classValue(user: Record<string, string>, grade: number, className: string, lang: Lang): string {
  const label = classLabel(grade, className, lang);
  if (!ownName(className) || !label.includes(className)) return label;
  user.className = className;
  return label.replace(className, '{className}');
}

/** A name a user typed (a person, school, region): always a user value. */
function userValue(user: Record<string, string>, key: string, name: string): string {
  user[key] = name;
  return `{${key}}`;
}

/** What an audit entry is about, as the server named it, with the names a user typed marked. */
export function auditTargetMarked(t: TFunction, lang: Lang, target: AuditTarget): MarkedText {
  const user: Record<string, string> = {};
  const text = ((): string => {
    switch (target.kind) {
      case 'student':
        return t('audit.target.student', {
          name: userValue(user, 'name', target.name),
          class: classValue(user, target.grade, target.className, lang),
        });
      case 'pickup_person': {
        const relation = relationLabel(t, lang, target.relation);
        const relationText =
          HAN.test(relation) && lang === 'en' ? userValue(user, 'relation', relation) : relation;
        return target.student
          ? t('audit.target.pickupPersonOf', {
              name: userValue(user, 'name', target.name),
              relation: relationText,
              student: userValue(user, 'student', target.student),
            })
          : t('audit.target.pickupPerson', {
              name: userValue(user, 'name', target.name),
              relation: relationText,
            });
      }
      case 'login':
        return t('audit.target.login', { name: userValue(user, 'name', target.name) });
      case 'plan':
        return t('audit.target.plan', {
          school: userValue(user, 'school', target.school),
          term: nameValue(user, 'term', target.term, lang),
        });
      case 'roster':
        return t('audit.target.roster', {
          term: nameValue(user, 'term', target.term, lang),
          weekday:
            target.weekday === null
              ? ''
              : t(`weekday.${Math.min(7, Math.max(1, target.weekday)) as Weekday}`),
          group:
            target.group === null
              ? t('audit.target.allGroups')
              : nameValue(user, 'group', target.group, lang),
        });
      case 'policy_version':
        return t('audit.target.policyVersion', {
          region: userValue(user, 'region', target.region),
          version: target.version,
        });
      case 'handover':
        return t('audit.target.handover', {
          date: formatDate(target.date, lang),
          group: target.group === null ? '' : nameValue(user, 'group', target.group, lang),
          stage:
            target.stage === 'end'
              ? t('daily.close.handover.stage.end')
              : t('daily.close.handover.stage.start'),
        });
      case 'visitor':
        return t('audit.target.visitor', {
          name: userValue(user, 'name', target.name),
          date: formatDate(target.date, lang),
        });
      case 'date':
        return formatDate(target.date, lang);
      case 'term':
        return nameValue(user, 'name', target.name, lang);
      case 'person':
      case 'school':
      case 'region':
        return userValue(user, 'name', target.name);
    }
  })();
  return { text, user };
}

/** What an audit entry is about, as the server named it: 王小明（二年级1班）, 东湖区实验小学, 2026年11月30日… */
export function auditTargetText(t: TFunction, lang: Lang, target: AuditTarget): string {
  return filled(auditTargetMarked(t, lang, target));
}

/** One entry in words, the names a user typed marked: 放行：{name}（二年级1班）. */
export function auditLineMarked(
  t: TFunction,
  lang: Lang,
  entry: Pick<AuditEntry, 'action' | 'target'>,
): MarkedText {
  const action = auditActionLabel(t, entry.action);
  if (!entry.target) return { text: action, user: {} };
  const target = auditTargetMarked(t, lang, entry.target);
  return { text: t('audit.line', { action, target: target.text }), user: target.user };
}

/** One entry in words: 放行：王小明（二年级1班） / Released: 王小明 (Grade 2, 1班). */
export function auditLine(t: TFunction, lang: Lang, entry: Pick<AuditEntry, 'action' | 'target'>): string {
  return filled(auditLineMarked(t, lang, entry));
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
