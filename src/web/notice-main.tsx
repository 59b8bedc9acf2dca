import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from './i18n/i18n';
import type { NoticeAddress } from './pages/public/notice-address';
import { NoticePage } from './pages/public/notice-page';

/** The public notice on its own: no session, no router, no antd (F-05). */
export function mountNotice(container: HTMLElement, address: NoticeAddress): void {
  const print = new URLSearchParams(window.location.search).get('print') === '1';
  createRoot(container).render(
    <StrictMode>
      <I18nProvider>
        <NoticePage {...address} print={print} />
      </I18nProvider>
    </StrictMode>,
  );
}
