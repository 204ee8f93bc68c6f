// Launches Debian's Chromium (never a browser that a tool downloads) and opens pages that log to our stdout.
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** Every wait in a scenario is bounded by this (milliseconds). */
export const WAIT_MS = Number(process.env.E2E_WAIT_MS || 15000);

// Headless comes from Playwright's `headless: true`; it also gives every launch a fresh --user-data-dir.
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  // Host candidates stay mDNS-obfuscated (`<uuid>.local`, Chromium's default without camera permission): every page
  // runs in this one Chromium, whose mDNS responder resolves its own names, so peers connect on host candidates.
  // Pages in separate browser processes or machines would need '--disable-features=WebRtcHideLocalIpsWithMdns'.
];

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS, timeout: WAIT_MS });
}

/**
 * Opens `url` in a tab of its own browser context (like a separate user) and forwards the page's console and
 * errors to stdout, prefixed by `label`. Resolves once the page's test hook `window.demo` exists.
 */
export async function openPage(browser, url, label) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 820 } });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  page.on('console', (message) => console.log(`[${label}] ${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => console.log(`[${label}] page error: ${error.stack || error}`));
  page.label = label;
  await page.goto(url);
  await page.waitForFunction(() => window.demo !== undefined);
  return page;
}

/** Closes the tab as a user would (its context too); the page's sockets and peer connections go with it. */
export async function closeTab(page) {
  await page.context().close();
}
