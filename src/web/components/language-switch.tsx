import { CheckOutlined, GlobalOutlined } from '@ant-design/icons';
import { Button, Flex, Popover } from 'antd';
import { useState } from 'react';
import { LANGS, type Lang, useI18n } from '../i18n/i18n';

/** The UI language, switchable from every page header (and from the login page before signing in). */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  const [open, setOpen] = useState(false);
  // Each language is named in itself, so that a reader of either can find their own.
  const names: Record<Lang, string> = { 'zh-CN': t('lang.zh'), en: t('lang.en') };

  const choices = (
    <Flex vertical gap={4} role="group" aria-label={t('lang.label')} style={{ minWidth: 120 }}>
      {LANGS.map((value) => {
        const current = value === lang;
        return (
          <Button
            key={value}
            type="text"
            lang={value}
            aria-pressed={current}
            icon={current ? <CheckOutlined /> : <span style={{ display: 'inline-block', width: 14 }} />}
            style={{ justifyContent: 'flex-start', minHeight: 40 }}
            onClick={() => {
              setLang(value);
              setOpen(false);
            }}
          >
            {names[value]}
          </Button>
        );
      })}
    </Flex>
  );

  return (
    <Popover content={choices} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen}>
      <Button
        type="text"
        data-testid="language-switch"
        icon={<GlobalOutlined />}
        aria-haspopup="true"
        aria-expanded={open}
        aria-label={t('common.labelValue', { label: t('lang.label'), value: names[lang] })}
        style={{ minHeight: 44, paddingInline: 8, flex: 'none' }}
      >
        {names[lang]}
      </Button>
    </Popover>
  );
}
