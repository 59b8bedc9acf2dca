import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Lang } from './format';
import { type MessageKey, zhCN } from './zh-cn';

export type { Lang } from './format';
export type { MessageKey } from './zh-cn';

export type MessageParams = Record<string, string | number>;
export type TFunction = (key: MessageKey, params?: MessageParams) => string;

export const LANGS: readonly Lang[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'kehou.lang';

type Dictionary = Record<MessageKey, string>;

// Chinese is in every page's first download; English only for those who choose it (issue 14.19:
// the phone pages' weight), loaded before the page switches to it.
const dictionaries: Partial<Record<Lang, Dictionary>> = { 'zh-CN': zhCN };
const loaders: Record<Lang, () => Promise<Dictionary>> = {
  'zh-CN': () => Promise.resolve(zhCN),
  en: () => import('./en').then((m) => m.en),
};

/** Makes `lang`'s words available to `translate`; resolves at once when they already are. */
export async function loadLanguage(lang: Lang): Promise<void> {
  if (dictionaries[lang]) return;
  dictionaries[lang] = await loaders[lang]();
}

export function languageLoaded(lang: Lang): boolean {
  return dictionaries[lang] !== undefined;
}

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

/** The words of `key` in `lang`; in Chinese while `lang`'s words are not loaded (see loadLanguage). */
export function translate(lang: Lang, key: MessageKey, params?: MessageParams): string {
  const text = (dictionaries[lang] ?? zhCN)[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

function readStoredLang(): Lang {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh-CN') return stored;
  } catch {
    // Storage can be blocked (private mode, embedded browsers): fall back to Chinese.
  }
  return 'zh-CN';
}

interface I18nValue {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: TFunction;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [stored] = useState<Lang>(readStoredLang);
  // The language the page is shown in: the stored choice once its words are here. Until then an
  // English page shows nothing rather than a flash of Chinese (a few kilobytes, one round trip).
  const [lang, setLangState] = useState<Lang | null>(() => (languageLoaded(stored) ? stored : null));

  useEffect(() => {
    if (lang !== null) return;
    let live = true;
    loadLanguage(stored)
      .then(() => live && setLangState(stored))
      // Without network the words cannot come: Chinese, which every page has.
      .catch(() => live && setLangState('zh-CN'));
    return () => {
      live = false;
    };
  }, [lang, stored]);

  const setLang = useCallback((next: Lang) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // The choice then lasts for this page only.
    }
    // The page stays in its language until the other's words have arrived.
    loadLanguage(next).then(
      () => setLangState(next),
      () => undefined,
    );
  }, []);

  const shown = lang ?? 'zh-CN';
  const t = useCallback<TFunction>((key, params) => translate(shown, key, params), [shown]);

  useEffect(() => {
    document.documentElement.lang = shown;
    document.title = translate(shown, 'app.name');
  }, [shown]);

  const value = useMemo(() => ({ lang: shown, setLang, t }), [shown, setLang, t]);
  if (lang === null) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}

export function useT(): TFunction {
  return useI18n().t;
}
