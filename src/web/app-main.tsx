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
  navigator.serviceWorker
    .register('/sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      // What this page loaded before the worker was there: the page itself and its files.
      const files = performance
        .getEntriesByType('resource')
        .map((entry) => entry.name)
        .filter((name) => name.startsWith(`${location.origin}/assets/`));
      registration.active?.postMessage({
        type: 'keep',
        page: location.pathname,
        urls: [location.pathname, ...files],
      });
    })
    .catch(() => {
      // Without it the pages still work online; only a reload without network fails.
    });
}

if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  // This module is loaded after the page itself, often once `load` has fired already.
  if (document.readyState === 'complete') registerShellWorker();
  else window.addEventListener('load', registerShellWorker, { once: true });
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
