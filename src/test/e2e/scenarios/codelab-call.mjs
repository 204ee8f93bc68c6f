// The codelab page (seed 001) on the Socket.IO dialect: the first page creates the room and gets its camera, the
// second joins it, the initiator calls once the room is ready, and fake camera video arrives on both sides over a connected
// RTCPeerConnection; a third page finds the room full; when the second page closes its tab (its 'bye' goes out as
// the page unloads) the first hangs up.
// Usage: node scenarios/codelab-call.mjs <base url>
import { openPage } from '../lib/browser.mjs';
import { run, waitInPage, unique } from '../lib/scenario.mjs';

await run('codelab-call', async ({ baseUrl, browser }) => {
  const url = new URL('/codelab/#' + unique('codelab'), baseUrl).href;
  const first = await openPage(browser, url, 'first');
  await waitInPage(first, 'room created', () => window.demo.state().initiator &&
    window.demo.state().log.includes('Created room'));
  // The initiator has its camera before anyone joins: it must wait for the room to be ready before it calls.
  await waitInPage(first, 'camera on', () => window.demo.state().media);
  const second = await openPage(browser, url, 'second');
  for (const [label, page] of [['first', first], ['second', second]]) {
    await waitInPage(page, `${label}: call connected, remote video in`, () => {
      const state = window.demo.state();
      return state.connection === 'connected' && state.remoteVideo;
    });
  }

  const third = await openPage(browser, url, 'third');
  await waitInPage(third, 'room full', () => window.demo.state().log.includes('is full'));
  await third.context().close();

  await second.close({ runBeforeUnload: true });
  await second.context().close();
  await waitInPage(first, 'the other peer left, call hung up', () => {
    const state = window.demo.state();
    return state.connection === 'none' && state.log.includes('The other peer left');
  });
});
