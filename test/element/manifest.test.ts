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

type Manifest = { modules: Array<{ declarations: Declaration[] }> };

/** The manifest's declaration of `tag`, or a failed expectation naming the tag. */
async function declarationOf(tag: string): Promise<Declaration> {
  const manifest = (await (await fetch('/dist/custom-elements.json')).json()) as Manifest;
  const found = manifest.modules
    .flatMap((module) => module.declarations)
    .find((declaration) => declaration.tagName === tag);
  expect(found, `${tag} declaration`).to.not.equal(undefined);
  return found!;
}

const publicNames = (declaration: Declaration, kind: string) =>
  declaration.members
    .filter((member) => member.kind === kind && member.privacy === undefined)
    .map((member) => member.name);

describe('dist/custom-elements.json: the other two elements', () => {
  it('documents the board and the rules editor: attributes, properties, methods and events', async () => {
    const board = await declarationOf('presence-sync-board');
    expect(board.attributes.map((attribute) => attribute.name)).to.have.members([
      'refresh-s',
      'locale',
    ]);
    expect(publicNames(board, 'field')).to.include.members(['source', 'clock', 'agents']);
    expect(publicNames(board, 'method')).to.include.members(['refresh', 'requestResync']);
    expect(board.cssParts.map((part) => part.name)).to.include.members(['board', 'table']);

    const setup = await declarationOf('presence-sync-setup');
    expect(setup.attributes.map((attribute) => attribute.name)).to.have.members([
      'rules',
      'rule-set',
      'locale',
    ]);
    expect(publicNames(setup, 'field')).to.include.members(['catalog', 'saver', 'draft']);
    expect(publicNames(setup, 'method')).to.include.members(['exportJson', 'exportMetadata']);
    expect(setup.events.map((event) => event.name)).to.have.members([
      'presencesyncsetupchange',
      'presencesyncsetupsave',
    ]);
    for (const declaration of [board, setup])
      for (const attribute of declaration.attributes)
        expect(attribute.description, `${declaration.tagName} ${attribute.name}`)
          .to.be.a('string')
          .and.not.equal('');
  });
});
