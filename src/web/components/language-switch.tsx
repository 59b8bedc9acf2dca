import { Segmented } from 'antd';
import { LANGS, type Lang, useI18n } from '../i18n/i18n';

export function LanguageSwitch({ size, block }: { size?: 'small' | 'middle' | 'large'; block?: boolean }) {
  const { lang, setLang, t } = useI18n();
  const names: Record<Lang, string> = { 'zh-CN': t('lang.zh'), en: t('lang.en') };
  return (
    <Segmented<Lang>
      aria-label={t('lang.label')}
      size={size}
      block={block}
      value={lang}
      onChange={setLang}
      options={LANGS.map((value) => ({ value, label: names[value] }))}
    />
  );
}
