// The mesh page (seed 003) on /compat/mesh/<group>: N pages (default 2) open one group, every pair connects over
// WebRTC on host candidates, chat crosses every data channel both ways, and a closed tab is seen as gone.
// Usage: node scenarios/mesh-group.mjs <base url> [pages]
import { openPage, closeTab } from '../lib/browser.mjs';
import { run, log, waitInPage, check, unique } from '../lib/scenario.mjs';

await run('mesh-group', async ({ baseUrl, browser, args }) => {
  const count = Number(args[0] || 2);
  const group = unique('e2e');
  // All pages open at once: their knocks cross, and so may their calls (the page's tie-break handles that).
  const pages = await Promise.all(Array.from({ length: count }, (_, i) =>
    openPage(browser, new URL(`/mesh/?group=${group}&nick=member${i}`, baseUrl).href, `member${i}`)));
  for (const page of pages) {
    await waitInPage(page, 'joined the group', () => window.demo.state() === 'connected');
  }
  const ids = await Promise.all(pages.map((page) => page.evaluate(() => window.demo.selfId())));
  log(`group ${group}, members ${ids.join(', ')}`);

  for (const page of pages) {
    await waitInPage(page, `${count - 1} member(s) connected with open chat channels`, (n) => {
      const peers = window.demo.peers();
      return peers.length === n && peers.every((p) => p.connectionState === 'connected' && p.chatState === 'open');
    }, count - 1);
  }

  for (const [i, page] of pages.entries()) {
    const sent = await page.evaluate((text) => window.demo.send(text), `hello from member${i}`);
    check(sent === count - 1, `member${i}: message reached ${sent} member(s), expected ${count - 1}`);
  }
  for (const [i, page] of pages.entries()) {
    const expected = ids.map((id, j) => ({ from: id, text: `hello from member${j}` })).filter((_, j) => j !== i);
    await waitInPage(page, `messages from all ${count - 1} other member(s)`, (want) => {
      const got = window.demo.messages();
      return want.every((w) => got.some((m) => m.from === w.from && m.text === w.text));
    }, expected);
  }

  const [leaver, ...stayers] = pages;
  await closeTab(leaver);
  for (const page of stayers) {
    await waitInPage(page, 'member0 gone', (gone) =>
      !window.demo.peers().some((p) => p.peerId === gone) && window.demo.departed().some((d) => d.peerId === gone),
    ids[0]);
  }
});
