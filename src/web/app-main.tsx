import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError, setUnauthorizedHandler } from './api/client';
import { queryKeys } from './api/queries';
import { I18nProvider, useI18n } from './i18n/i18n';
import { routes } from './routes';
import { appTheme } from './theme';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A 4xx will not change by asking again; a dropped connection or a 5xx may.
      retry: (failureCount, error) =>
        failureCount < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});

// Any 401 (an expired or revoked session) forgets the session; the route guards then send the
// user to the login page with the current page as `next`.
setUnauthorizedHandler(() => queryClient.setQueryData(queryKeys.session, null));

// The app shell for reloads without network (public/sw.js); production builds only, so that the
// dev server's hot reload is never served from a cache.
function registerShellWorker(): void {
  const assets = (entries: PerformanceEntryList) =>
    entries.map((entry) => entry.name).filter((name) => name.startsWith(`${location.origin}/assets/`));
  navigator.serviceWorker
    .register('/sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      const keep = (urls: string[]) =>
        registration.active?.postMessage({ type: 'keep', page: location.pathname, urls });
      // What this page loaded before the worker was there: the page itself and its files…
      keep([location.pathname, ...assets(performance.getEntriesByType('resource'))]);
      // …and what it loads until the worker controls it (a page's parts arrive after its first load);
      // the worker skips what it has already.
      new PerformanceObserver((list) => {
        const urls = assets(list.getEntries());
        if (urls.length > 0) keep(urls);
      }).observe({ type: 'resource' });
    })
    .catch(() => {
      // Without it the pages still work online; only a reload without network fails.
    });
}

// Registered once the first page has loaded and the phone is idle, so that the worker's start takes
// nothing from the page a teacher is waiting for (issue 14.18).
function whenIdle(): void {
  if ('requestIdleCallback' in window) window.requestIdleCallback(registerShellWorker, { timeout: 5000 });
  else setTimeout(registerShellWorker, 1000);
}

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  // This module is loaded after the page itself, often once `load` has fired already.
  if (document.readyState === 'complete') whenIdle();
  else window.addEventListener('load', whenIdle, { once: true });
}

const router = createBrowserRouter(routes);

function LocalizedAntd({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      theme={appTheme}
      // antd would write two-character buttons as `登 录`; keep the text as written.
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** The whole app: the console, the phone pages, sign-in (see main.tsx for the public notice). */
export function mountApp(container: HTMLElement): void {
  createRoot(container).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <LocalizedAntd>
            <RouterProvider router={router} />
          </LocalizedAntd>
        </I18nProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
