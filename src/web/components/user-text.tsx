import { Fragment, type ReactNode } from 'react';
import { generatedName } from '../i18n/format';
import { useI18n } from '../i18n/i18n';
import { relationLabel } from '../i18n/labels';

const HAN = /\p{Script=Han}/u;

/**
 * Text a user typed — a person's, school's, region's or venue's name — shown as written in either
 * UI language (issue 14.13). It is marked `data-user-text`, so the English check of every page
 * (e2e/foundation/every-page.spec.ts) tells it from the app's own words, and a Chinese name gets
 * `lang="zh-CN"`, so a screen reader reading the English page pronounces it as Chinese.
 */
export function UserText({ children, className }: { children: ReactNode; className?: string }) {
  const lang = typeof children === 'string' && HAN.test(children) ? 'zh-CN' : undefined;
  return (
    <span data-user-text="" lang={lang} className={className}>
      {children}
    </span>
  );
}

/**
 * A message with user-typed values in it (`{role} · {scope}`): the app's words translated, the
 * values in `user` marked as user text.
 */
export function MessageWithUserText({
  text,
  user = {},
  nodes = {},
}: {
  /** The message with each user value as `{name}`, already translated (`t(key, { scope: '{scope}' })`). */
  text: string;
  user?: Record<string, string>;
  /** Parts that are elements already (a membership with its own marks). */
  nodes?: Record<string, ReactNode>;
}) {
  const parts = text.split(/(\{\w+\})/);
  return (
    <>
      {parts.map((part, i) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        if (name !== undefined && Object.hasOwn(nodes, name))
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed message, never reordered
          return <Fragment key={i}>{nodes[name]}</Fragment>;
        const value = name === undefined ? undefined : user[name];
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed message, never reordered
        return value === undefined ? part : <UserText key={i}>{value}</UserText>;
      })}
    </>
  );
}

/**
 * A stored name (a term, class, group, batch): one kehou generated reads in the UI language
 * (`1年级1组` → `Grade 1 Group 1`, generatedName), any other is the school's own and is marked as
 * user text.
 */
export function NameText({ name, className }: { name: string; className?: string }) {
  const { lang } = useI18n();
  const shown = generatedName(name, lang);
  if (shown !== name || !HAN.test(name)) return <span className={className}>{shown}</span>;
  return <UserText className={className}>{name}</UserText>;
}

/**
 * A guardian's or pickup person's relation to the child as the school or the family wrote it
 * (`父亲`): in English the usual words are translated (relationLabel), any other is user text.
 */
export function RelationText({ relation }: { relation: string }) {
  const { lang, t } = useI18n();
  const shown = relationLabel(t, lang, relation);
  if (shown !== relation || !HAN.test(relation)) return <span>{shown}</span>;
  return <UserText>{relation}</UserText>;
}

/** A person with their relation to the child, `袁东强（父亲）` / `袁东强 (Father)`. */
export function PersonRelation({ name, relation }: { name: string; relation: string }) {
  const { t } = useI18n();
  return (
    <MessageWithUserText
      text={t('person.nameRelation', { name: '{name}', relation: '{relation}' })}
      user={{ name }}
      nodes={{ relation: <RelationText relation={relation} /> }}
    />
  );
}

// A run of Chinese with the digits and dashes joined to it (`袁轩诺`, `2026–2027学年第一学期`, `1年级1组`).
const HAN_RUN = /((?:[\d–-]*\p{Script=Han}[\d–-]*)+)/u;

/**
 * A message the server wrote in both languages (in-app messages), shown in English: the server's
 * English strings hold no Chinese (i18n/english.test.ts reads every `en:` of the server), so any
 * Chinese in them is a value a user typed — a child's or person's name — and is marked as user
 * text; a name kehou generated (`第二批`, `1年级1组`) is shown in English (generatedName).
 */
export function ServerText({ text }: { text: string }) {
  const { lang } = useI18n();
  if (lang !== 'en') return <>{text}</>;
  const parts = text.split(HAN_RUN);
  return (
    <>
      {parts.map((part, i) => {
        if (i % 2 === 0) return part;
        const shown = generatedName(part, lang);
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed message, never reordered
        return shown !== part ? <Fragment key={i}>{shown}</Fragment> : <UserText key={i}>{part}</UserText>;
      })}
    </>
  );
}
