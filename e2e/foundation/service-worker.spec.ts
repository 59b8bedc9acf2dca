// The service worker keeps a phone's pages for a reload without network (issue 5), and does so without
// making the phone download them twice on its first visit (issue 14.18): what the page loaded is taken
// from the browser's own cache. A counting proxy in front of the demo server sees every request, the
// worker's included, which the browser's tools do not report.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { PHONE, signInAs, suiteBrowsers } from '../browser.js';
import { type CountingProxy, startCountingProxy } from '../counting-proxy.js';

describe('the service worker on the first visit', () => {
  const open = suiteBrowsers(PHONE);
  let proxy: CountingProxy;
  beforeAll(async () => {
    proxy = await startCountingProxy(inject('baseUrl'));
  });
  afterAll(() => proxy.close());

  it('keeps the page and its files without fetching any of them a second time', async () => {
    const session = await open(PHONE, proxy.baseUrl);
    const { page } = session;
    await signInAs(session, 'teacher', DEMO_PASSWORD);
    proxy.reset();
    await page.goto(`${proxy.baseUrl}/teacher`);
    await page.getByTestId('roll-call-link').waitFor();

    // What the page itself loaded from the server.
    const loaded = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((path) => path.startsWith('/assets/')),
    );
    expect(loaded.length).toBeGreaterThan(5);

    // The worker has kept the page and every one of those files…
    await expect
      .poll(
        () =>
          page.evaluate(async () => {
            const cache = await caches.open('kehou-shell-v1');
            return (await cache.keys()).map((request) => new URL(request.url).pathname);
          }),
        { timeout: 30_000 },
      )
      .toEqual(expect.arrayContaining(['/', ...loaded]));

    // …and the server was asked for each of them once.
    const twice = [...proxy.counts()]
      .filter(([path, { requests }]) => (path === '/teacher' || path.startsWith('/assets/')) && requests > 1)
      .map(([path, { requests }]) => `${path} ×${requests}`);
    expect(twice).toEqual([]);
    expect(proxy.counts().get('/teacher')?.requests).toBe(1);
  });
});
