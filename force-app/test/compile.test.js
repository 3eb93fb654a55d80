// Every module of the LWC bundle through Salesforce's own LWC compiler (@lwc/compiler, the version
// sfdx-lwc-jest runs), as the platform compiles it on deploy: the JavaScript, the template and the
// style sheet of c/presenceSyncHost.
const fs = require('fs');
const path = require('path');
const v8 = require('v8');
const { transformSync } = require('@lwc/compiler');

// The compiler clones with structuredClone, which Node has and jest's jsdom environment (the LWC
// preset's) does not expose: give it Node's own algorithm.
if (typeof globalThis.structuredClone !== 'function')
  globalThis.structuredClone = (value) => v8.deserialize(v8.serialize(value));

const LWC = path.join(__dirname, '../main/default/lwc');

const modules = fs.readdirSync(LWC).flatMap((bundle) =>
  fs
    .readdirSync(path.join(LWC, bundle))
    .filter((file) => /\.(js|html|css)$/.test(file))
    .map((file) => [`${bundle}/${file}`, bundle, path.join(LWC, bundle, file)]),
);

const compile = (source, file, bundle) =>
  transformSync(source, file, { namespace: 'c', name: bundle });

describe('the LWC compiler', () => {
  it('finds the bundle’s modules', () => {
    expect(modules.map(([name]) => name)).toEqual(
      expect.arrayContaining([
        'presenceSyncHost/presenceSyncHost.js',
        'presenceSyncHost/presenceSyncHost.html',
        'presenceSyncHost/presenceSyncHost.css',
        'presenceSyncHost/ruleSources.js',
      ]),
    );
  });

  it.each(modules)('compiles %s', (_, bundle, file) => {
    const { code, warnings } = compile(fs.readFileSync(file, 'utf8'), path.basename(file), bundle);
    expect(code.length).toBeGreaterThan(0);
    expect((warnings || []).filter((warning) => warning.level <= 1)).toEqual([]);
  });

  it('refuses a template the platform would refuse (the check itself can fail)', () => {
    expect(() =>
      compile('<template><p onclick={a b}></p></template>', 'broken.html', 'broken'),
    ).toThrow();
  });
});
