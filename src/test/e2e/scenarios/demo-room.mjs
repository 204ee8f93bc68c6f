// The demo page on /signal: N pages (default 2) join one room, every pair connects over WebRTC on host
// candidates, chat messages cross every data channel in both directions, and a closed tab is seen as gone.
// Usage: node scenarios/demo-room.mjs <base url> [pages] [--media] [screenshot.png]
// --media also turns on camera and microphone on the first two pages and waits for their tracks to cross.
import { openPage, closeTab } from '../lib/browser.mjs';
import { run, log, waitInPage, check, unique } from '../lib/scenario.mjs';

await run('demo-room', async ({ baseUrl, browser, args }) => {
  const count = Number(args[0] || 2);
  const screenshot = args.find((arg) => arg.endsWith('.png'));
  const room = unique('e2e');
  const pages = [];
  for (let i = 0; i < count; i++) {
    const url = new URL(`/?room=${room}&name=peer${i}`, baseUrl);
    pages.push(await openPage(browser, url.href, `peer${i}`));
  }
  for (const page of pages) {
    await waitInPage(page, 'joined the room', () => window.demo.state() === 'connected');
  }
  const ids = await Promise.all(pages.map((page) => page.evaluate(() => window.demo.selfId())));
  log(`room ${room}, peers ${ids.join(', ')}`);

  // Every page sees every other one connected, with its chat channel open.
  for (const page of pages) {
    await waitInPage(page, `${count - 1} peer(s) connected with open chat channels`, (n) => {
      const peers = window.demo.peers();
      return peers.length === n && peers.every((p) => p.connectionState === 'connected' && p.chatState === 'open');
    }, count - 1);
  }
  for (const page of pages) {
    const pairs = await page.evaluate(() => window.demo.candidatePairs());
    log(`${page.label}: selected candidate pairs ${JSON.stringify(pairs)}`);
    for (const pair of pairs) {
      check(pair.local?.type === 'host', `${page.label}: expected a host candidate, got ${JSON.stringify(pair)}`);
    }
  }

  // Each page says something; every other page hears it, from the right sender.
  for (const [i, page] of pages.entries()) {
    const reached = await page.evaluate((text) => window.demo.send(text), `hello from peer${i}`);
    check(reached === count - 1, `peer${i}: message reached ${reached} peer(s), expected ${count - 1}`);
  }
  for (const [i, page] of pages.entries()) {
    const expected = ids.map((id, j) => ({ from: id, text: `hello from peer${j}` })).filter((_, j) => j !== i);
    await waitInPage(page, `messages from all ${count - 1} other peer(s)`, (want) => {
      const got = window.demo.messages();
      return want.every((w) => got.some((m) => m.from === w.from && m.text === w.text));
    }, expected);
  }

  // Camera and microphone (Chromium's fake devices) on the first two pages: adding tracks renegotiates the
  // existing connections, and each side gets the other's audio and video.
  if (args.includes('--media')) {
    for (const page of pages.slice(0, 2)) await page.evaluate(() => window.demo.startMedia());
    for (const [i, page] of pages.slice(0, 2).entries()) {
      await waitInPage(page, 'audio and video from the other page', (other) => {
        const peer = window.demo.peers().find((p) => p.peerId === other);
        return peer?.remoteTracks === 2 && peer.connectionState === 'connected';
      }, ids[1 - i]);
    }
  }

  if (screenshot) {
    await pages[0].screenshot({ path: screenshot, fullPage: true });
    log(`screenshot of peer0 saved to ${screenshot}`);
  }

  // The first tab closes; everyone else drops it and keeps the rest of the mesh.
  const [leaver, ...stayers] = pages;
  await closeTab(leaver);
  for (const page of stayers) {
    await waitInPage(page, 'peer0 gone', (gone) => {
      const peers = window.demo.peers();
      return !peers.some((p) => p.peerId === gone) && window.demo.departed().some((d) => d.peerId === gone);
    }, ids[0]);
    const left = await page.evaluate(() => window.demo.peers());
    check(left.length === count - 2 && left.every((p) => p.connectionState === 'connected'),
      `${page.label}: the other peers should stay connected, got ${JSON.stringify(left)}`);
  }
});
