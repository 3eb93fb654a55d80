// The two forgeries both bridge end-to-end tests try against the agent frame: a third-origin frame
// put inside it (an ad, a third-party widget), and a window on the Salesforce page's own origin
// that is not the agent frame's peer. Each posts a setState for `target`.

/** A third-origin frame inside `agentFrame` posts setState to it, at its origin and at '*'. */
export async function forgeFromThirdOrigin(page, agentFrame, thirdOrigin, agentOrigin, target) {
  await agentFrame.evaluate((third) => {
    const frame = document.createElement('iframe');
    frame.src = `${third}/test/e2e/third-origin.html`;
    document.body.append(frame);
    return new Promise((resolve) => frame.addEventListener('load', resolve));
  }, thirdOrigin);
  const third = page.frames().find((frame) => frame.url().includes('third-origin.html'));
  await third.evaluate(([agent, state]) => window.forge(agent, state), [agentOrigin, target]);
}

/** A same-origin sibling iframe of the page posts setState to the element's agent frame. */
export async function forgeFromSibling(page, agentOrigin, target) {
  await page.evaluate(
    ([agent, state]) => {
      const sibling = document.createElement('iframe');
      document.body.append(sibling);
      const agentFrame = document.querySelector('presence-sync').shadowRoot.querySelector('iframe');
      const forged = { ns: 'presence-sync', v: 1, type: 'setState', id: 'sibling', target: state };
      // Called in the sibling's realm, so the message's source is the sibling window.
      sibling.contentWindow.Function(
        't',
        'm',
        'o',
        't.postMessage(m, o)',
      )(agentFrame.contentWindow, forged, agent);
    },
    [agentOrigin, target],
  );
}
