// Runs a scenario: a bounded whole, a clear log of its steps, exit code 0 on success and 1 on failure.
import { WAIT_MS, launch } from './browser.mjs';

export function log(...parts) {
  console.log(`${new Date().toISOString().slice(11, 23)} ${parts.join(' ')}`);
}

/** Waits until `predicate(arg)` is truthy in the page (bounded by WAIT_MS), naming what it waited for on failure. */
export async function waitInPage(page, what, predicate, arg) {
  try {
    await page.waitForFunction(predicate, arg, { timeout: WAIT_MS, polling: 100 });
  } catch (error) {
    const snapshot = await page.evaluate(() => window.demo?.snapshot?.() ?? null).catch(() => null);
    throw new Error(`${page.label}: timed out after ${WAIT_MS} ms waiting for ${what}; page state: ` +
      `${JSON.stringify(snapshot)}\n${error.message}`);
  }
  log(`${page.label}: ${what}`);
}

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

/**
 * Runs `body({baseUrl, browser, args})` with the base URL from argv[2], the remaining arguments, and a freshly launched
 * Chromium that is closed afterwards. A hard overall limit guards against anything hanging that a single wait does
 * not cover.
 */
export async function run(name, body) {
  const baseUrl = process.argv[2];
  if (!baseUrl) {
    console.error(`usage: node ${name} <base url, e.g. http://localhost:8080/>`);
    process.exit(2);
  }
  const limitMs = Number(process.env.E2E_SCENARIO_LIMIT_MS || 8 * WAIT_MS);
  const guard = setTimeout(() => {
    console.error(`${name}: FAILED: still running after ${limitMs} ms`);
    process.exit(1);
  }, limitMs);
  guard.unref();
  log(`${name}: start against ${baseUrl}`);
  let browser = null;
  let failed = false;
  try {
    browser = await launch();
    log(`${name}: Chromium ${browser.version()}`);
    await body({ baseUrl: new URL(baseUrl), browser, args: process.argv.slice(3) });
    log(`${name}: PASSED`);
  } catch (error) {
    failed = true;
    console.error(`${name}: FAILED: ${error.stack || error}`);
    await dumpPages(browser);
  } finally {
    await browser?.close().catch((error) => console.error(`closing Chromium: ${error}`));
  }
  process.exit(failed ? 1 : 0);
}

/** Prints what every open page's test hook knows: the first thing to read when a scenario fails. */
async function dumpPages(browser) {
  for (const page of browser?.contexts().flatMap((context) => context.pages()) ?? []) {
    const snapshot = await page.evaluate(() => window.demo?.snapshot?.() ?? null).catch((error) => `${error}`);
    console.error(`state of ${page.label}: ${JSON.stringify(snapshot, null, 1)}`);
  }
}

/** A name no other test run uses, so scenarios can share one server. */
export function unique(prefix) {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}
