// The custom-elements manifest `npm run build` generates from the element's JSDoc.
import { expect } from '@open-wc/testing';

interface Declaration {
  tagName: string;
  attributes: Array<{ name: string; fieldName?: string; description?: string }>;
  events: Array<{ name: string }>;
  cssParts: Array<{ name: string }>;
  cssProperties: Array<{ name: string }>;
  members: Array<{ kind: string; name: string; privacy?: string; description?: string }>;
}

describe('dist/custom-elements.json', () => {
  it('documents every contract attribute, event, method and styling hook', async () => {
    const manifest = (await (await fetch('/dist/custom-elements.json')).json()) as {
      modules: Array<{ declarations: Declaration[] }>;
    };
    const element = manifest.modules
      .flatMap((module) => module.declarations)
      .find((declaration) => declaration.tagName === 'presence-sync');
    expect(element, 'presence-sync declaration').to.not.equal(undefined);
    const attributes = element!.attributes.map((attribute) => attribute.name);
    expect(attributes).to.include.members([
      'rules',
      'agent-origin',
      'agent-src',
      'agent-protocol',
      'mode',
      'authority',
      'startup',
      'user-id',
      'org-id',
      'echo-window-ms',
      'locale',
      'idle-minutes',
      'idle-status',
      'session-end',
    ]);
    for (const attribute of element!.attributes)
      expect(attribute.description, attribute.name).to.be.a('string').and.not.equal('');
    expect(element!.events.map((event) => event.name)).to.have.members([
      'presencesyncchange',
      'presencesyncdecision',
      'presencesyncerror',
    ]);
    const methods = element!.members
      .filter((member) => member.kind === 'method' && member.privacy === undefined)
      .map((member) => member.name);
    expect(methods).to.include.members([
      'resync',
      'pause',
      'resume',
      'exportDiagnostics',
      'scheduleState',
      'cancelScheduled',
    ]);
    expect(element!.cssParts.map((part) => part.name)).to.include.members([
      'panel',
      'phase',
      'deadlines',
      'agent-frame',
    ]);
    expect(element!.cssProperties.map((property) => property.name)).to.include(
      '--presence-sync-width',
    );
  });
});
