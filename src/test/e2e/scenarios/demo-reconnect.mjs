// The demo page survives the server dropping its socket: two pages connect; the server closes one page's socket
// (a 1.1 MB frame is over the server's WebSocket frame limits, so the server closes the connection); that page shows `reconnecting`, comes back with a new
// peer id, rejoins the room and the two pages connect and chat again. The other page sees the old id leave.
// Usage: node scenarios/demo-reconnect.mjs <base url>
import { openPage } from '../lib/browser.mjs';
import { run, log, waitInPage, check, unique } from '../lib/scenario.mjs';

const connectedTo = (other) => {
  const peer = window.demo.peers().find((p) => p.peerId === other);
  return peer?.connectionState === 'connected' && peer.chatState === 'open';
};

await run('demo-reconnect', async ({ baseUrl, browser }) => {
  const room = unique('e2e');
  const pages = [];
  for (let i = 0; i < 2; i++) {
    const page = await openPage(browser, new URL(`/?room=${room}&name=peer${i}`, baseUrl).href, `peer${i}`);
    await waitInPage(page, 'joined the room', () => window.demo.state() === 'connected');
    pages.push(page);
  }
  const [dropped, steady] = pages;
  const oldId = await dropped.evaluate(() => window.demo.selfId());
  const steadyId = await steady.evaluate(() => window.demo.selfId());
  await waitInPage(steady, 'connected to peer0', connectedTo, oldId);

  // Far over the transport's frame limits: the server closes the socket (no page can provoke this by accident).
  await dropped.evaluate(() => window.demo.debug.sendRaw('x'.repeat(1100 * 1024)));
  await waitInPage(dropped, 'reconnecting', () => window.demo.state() === 'reconnecting');
  await waitInPage(dropped, 'back in the room with a new peer id', (old) =>
    window.demo.state() === 'connected' && window.demo.selfId() !== old, oldId);
  const newId = await dropped.evaluate(() => window.demo.selfId());
  log(`peer0 was ${oldId}, is now ${newId}`);

  await waitInPage(steady, 'the old peer0 gone', (old) => window.demo.departed().some((d) => d.peerId === old), oldId);
  await waitInPage(steady, 'connected to the new peer0', connectedTo, newId);
  await waitInPage(dropped, 'connected to peer1 again', connectedTo, steadyId);

  check(await dropped.evaluate(() => window.demo.send('back again')) === 1, 'peer0: message not sent');
  await waitInPage(steady, 'a message from the new peer0', (id) =>
    window.demo.messages().some((m) => m.from === id && m.text === 'back again'), newId);
});
