import { ConfigProvider } from 'antd';
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { DemoClockBanner } from '../components/demo-clock-banner';
import { LanguageSwitch } from '../components/language-switch';
import { PageSpin } from '../components/page-state';
import { UserMenu } from '../components/user-menu';
import { UserText } from '../components/user-text';
import { useT } from '../i18n/i18n';
import { useSignedIn } from '../session/auth';
import { guardianTokens } from '../theme';

// Phones: one column, no side menu, every control at least 44 px high (WCAG 2.5.5 target size),
// and 16 px text so that iOS does not zoom into inputs.
const phoneTheme = { token: { controlHeight: 44, fontSize: 16 } };
// Guardians mostly arrive from WeChat; its green (darkened to be readable: theme.ts) and grey make
// the page feel familiar there.
const guardianTheme = { token: { ...phoneTheme.token, ...guardianTokens } };

export function PhoneLayout() {
  const t = useT();
  const { active } = useSignedIn();
  const isGuardian = active?.role === 'guardian';
  const title = !isGuardian && active?.schoolName ? active.schoolName : t('app.name');

  return (
    <ConfigProvider theme={isGuardian ? guardianTheme : phoneTheme}>
      <div className={isGuardian ? 'kh-phone kh-phone-guardian' : 'kh-phone'}>
        <header className="kh-phone-bar">
          {!isGuardian && active?.schoolName ? (
            <UserText className="kh-phone-bar-title kh-ellipsis">{title}</UserText>
          ) : (
            <span className="kh-phone-bar-title kh-ellipsis">{title}</span>
          )}
          <LanguageSwitch />
          <UserMenu />
        </header>
        <DemoClockBanner />
        <main className="kh-phone-main">
          <Suspense fallback={<PageSpin />}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </ConfigProvider>
  );
}
