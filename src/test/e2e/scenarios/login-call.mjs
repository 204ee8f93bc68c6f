// The login page (seeds 002/004) on /compat/login: two pages log in, one calls the other by name, the call
// connects over WebRTC on host candidates, chat crosses the data channel both ways, and when the callee closes its
// tab the caller is told (the server's leave on close).
// Usage: node scenarios/login-call.mjs <base url>
import { openPage, closeTab } from '../lib/browser.mjs';
import { run, waitInPage, check, unique } from '../lib/scenario.mjs';

await run('login-call', async ({ baseUrl, browser }) => {
  const names = [unique('alice'), unique('bob')];
  const pages = [];
  for (const [i, name] of names.entries()) {
    const page = await openPage(browser, new URL('/login/', baseUrl).href, name.split('-')[0]);
    await waitInPage(page, 'socket open', () => window.demo.state() === 'logged-out');
    check(await page.evaluate((n) => window.demo.login(n), name), `${name}: login refused`);
    pages.push(page);
  }
  const [alice, bob] = pages;
  // The name is taken while alice is logged in: a third page cannot have it.
  const mallory = await openPage(browser, new URL('/login/', baseUrl).href, 'mallory');
  await waitInPage(mallory, 'socket open', () => window.demo.state() === 'logged-out');
  check(!(await mallory.evaluate((n) => window.demo.login(n), names[0])), 'a taken name must be refused');
  await closeTab(mallory);

  await alice.evaluate((callee) => window.demo.call(callee), names[1]);
  for (const [i, page] of pages.entries()) {
    await waitInPage(page, `in a call with ${names[1 - i]}, channel open`, (other) => {
      const [peer] = window.demo.peers();
      return window.demo.state() === 'in-call' && peer?.name === other && peer.connectionState === 'connected' &&
        peer.chatState === 'open';
    }, names[1 - i]);
  }

  for (const [i, page] of pages.entries()) {
    const sent = await page.evaluate((text) => window.demo.send(text), `hi from ${names[i]}`);
    check(sent === 1, `${names[i]}: message not sent`);
  }
  for (const [i, page] of pages.entries()) {
    await waitInPage(page, `message from ${names[1 - i]}`, (other) =>
      window.demo.messages().some((m) => m.from === other && m.text === `hi from ${other}`), names[1 - i]);
  }

  await closeTab(bob);
  await waitInPage(alice, 'bob gone', (gone) =>
    window.demo.state() === 'peer-left' && window.demo.peers().length === 0 && window.demo.departed().includes(gone),
  names[1]);
});
