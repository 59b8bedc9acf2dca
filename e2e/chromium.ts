// Debian's Chromium as the browser tests and the page benchmarks start it: there is no browser
// download on these machines (playwright-core drives the system's). No Vitest here, so that a
// benchmark run by tsx can use it too.
import type { BrowserContext, Page } from 'playwright-core';

export const CHROMIUM = process.env.KEHOU_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A phone on a mobile network, as Lighthouse's mobile profile: slow 4G (150 ms round trip, 1.6 Mbit/s
 * down, 750 kbit/s up) and a CPU four times slower (issue 14.19's goals are set on it).
 */
export async function throttleLikeAPhone(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}
