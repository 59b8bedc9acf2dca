import { Fragment, type ReactNode } from 'react';
import { generatedName } from '../i18n/format';
import { useI18n } from '../i18n/i18n';

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
