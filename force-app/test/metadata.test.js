// The package validates as metadata without an org: every file parses, the pieces name each other
// correctly, and API versions are new enough for lightning/platformUtilityBarApi (61.0,
// https://developer.salesforce.com/docs/component-library/bundle/lightning-platform-utility-bar-api). Deploying to a real org is still the final check.
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const { OMNI_EVENTS } = require('../main/default/lwc/presenceSyncHost/omniBridge');

const ROOT = path.join(__dirname, '../..');
const DEFAULT = path.join(ROOT, 'force-app/main/default');
const MIN_API = 61;

// The ten console events the LWC accepts; the Aura markup must handle exactly these.
const EVENTS = OMNI_EVENTS;

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : filesUnder(full);
    return [full];
  });
}

const read = (file) => fs.readFileSync(file, 'utf8');
const relative = (file) => path.relative(ROOT, file);

// Aura markup uses prefixes (aura:, lightning:, c:, design:) it never declares; the parser is
// namespace-aware, so Aura files are parsed inside a root that declares exactly these. An unknown
// prefix (a typo such as <lightnin:…>) still fails.
const AURA_PREFIXES = ['aura', 'lightning', 'c', 'design', 'force', 'ui'];

/** Parses XML strictly; throws with the file name and the parser's message when it is not well formed. */
function parseXml(file, text = read(file)) {
  const aura = /\.(cmp|design)$/.test(file);
  const wrapped = aura
    ? `<aura-file ${AURA_PREFIXES.map((prefix) => `xmlns:${prefix}="urn:${prefix}"`).join(' ')}>${text}</aura-file>`
    : text;
  const document = new DOMParser().parseFromString(wrapped, 'application/xml');
  const error = document.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`${relative(file)} is not well-formed XML: ${error.textContent}`);
  if (!aura) return document;
  const roots = [...document.documentElement.children];
  if (roots.length !== 1)
    throw new Error(`${relative(file)} must have exactly one root element, has ${roots.length}`);
  return { documentElement: roots[0] };
}

const childText = (node, name) => {
  const child = [...node.children].find((candidate) => candidate.localName === name);
  return child ? child.textContent.trim() : undefined;
};
const all = (node, name) => [...node.getElementsByTagName(name)];

/**
 * The settings schema (src/core/config.ts: each setting's values, default and range), compiled by
 * TypeScript's transpiler and evaluated here, so the wrapper is checked against the one source the
 * element and the engine use rather than against a copy.
 */
function settingsSchema() {
  const ts = require('typescript');
  const loaded = new Map();
  const load = (file) => {
    if (!loaded.has(file)) {
      const module = { exports: {} };
      loaded.set(file, module);
      const { outputText } = ts.transpileModule(read(file), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
      });
      const from = (specifier) =>
        load(path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts')));
      vm.runInThisContext(`(function (exports, require, module) {${outputText}\n})`, {
        filename: file,
      })(module.exports, from, module);
    }
    return loaded.get(file).exports;
  };
  return load(path.join(ROOT, 'src/core/config.ts'));
}

const XML_FILES = filesUnder(DEFAULT).filter((file) => /(\.xml|\.cmp|\.design)$/.test(file));
const META_FILES = XML_FILES.filter((file) => file.endsWith('-meta.xml'));

describe('the Salesforce DX package', () => {
  it('has a project file naming force-app and an API version of at least 61.0', () => {
    const project = JSON.parse(read(path.join(ROOT, 'sfdx-project.json')));
    expect(project.packageDirectories.map((directory) => directory.path)).toContain('force-app');
    expect(Number(project.sourceApiVersion)).toBeGreaterThanOrEqual(MIN_API);
  });

  it('has the pieces the utility needs', () => {
    const expected = [
      'aura/presenceSyncUtility/presenceSyncUtility.cmp',
      'aura/presenceSyncUtility/presenceSyncUtility.cmp-meta.xml',
      'aura/presenceSyncUtility/presenceSyncUtility.design',
      'aura/presenceSyncUtility/presenceSyncUtilityController.js',
      'aura/presenceSyncUtility/presenceSyncUtilityHelper.js',
      'lwc/presenceSyncHost/presenceSyncHost.js',
      'lwc/presenceSyncHost/presenceSyncHost.html',
      'lwc/presenceSyncHost/presenceSyncHost.js-meta.xml',
      'classes/PresenceSyncController.cls',
      'classes/PresenceSyncController.cls-meta.xml',
      'classes/PresenceSyncControllerTest.cls',
      'classes/PresenceSyncControllerTest.cls-meta.xml',
      'permissionsets/Presence_Sync_User.permissionset-meta.xml',
      'staticresources/presenceSync.resource-meta.xml',
    ];
    const missing = expected.filter((file) => !fs.existsSync(path.join(DEFAULT, file)));
    expect(missing).toEqual([]);
  });

  it.each(XML_FILES.map((file) => [relative(file), file]))('%s is well-formed XML', (_, file) => {
    expect(() => parseXml(file)).not.toThrow();
  });

  it('rejects XML that is not well formed (the check itself can fail)', () => {
    expect(() => parseXml('broken.xml', '<a><b></a>')).toThrow(/broken.xml is not well-formed XML/);
    expect(() =>
      parseXml('broken.cmp', '<aura:component><lightnin:omniToolkitAPI/></aura:component>'),
    ).toThrow(/broken.cmp is not well-formed XML/);
    expect(() => parseXml('two.cmp', '<aura:component/><aura:component/>')).toThrow(
      /exactly one root element/,
    );
  });

  it.each(
    META_FILES.filter((file) => /<apiVersion>/.test(read(file))).map((file) => [
      relative(file),
      file,
    ]),
  )('%s declares API version ≥ 61.0', (_, file) => {
    const version = Number(childText(parseXml(file).documentElement, 'apiVersion'));
    expect(version).toBeGreaterThanOrEqual(MIN_API);
  });

  it('declares an API version in every component, class and bundle', () => {
    const needing = META_FILES.filter((file) => /\.(js|cls|cmp)-meta\.xml$/.test(file));
    expect(needing.length).toBeGreaterThanOrEqual(4);
    expect(needing.filter((file) => !/<apiVersion>/.test(read(file))).map(relative)).toEqual([]);
  });
});

describe('the LWC host', () => {
  const meta = parseXml(
    path.join(DEFAULT, 'lwc/presenceSyncHost/presenceSyncHost.js-meta.xml'),
  ).documentElement;
  const source = read(path.join(DEFAULT, 'lwc/presenceSyncHost/presenceSyncHost.js'));
  const apiProperties = [...source.matchAll(/@api\s+(\w+)/g)].map((match) => match[1]);

  it('is not offered on its own: only the Aura utility item reaches Omni-Channel', () => {
    expect(meta.localName).toBe('LightningComponentBundle');
    expect(childText(meta, 'isExposed')).toBe('false');
    expect(all(meta, 'target')).toEqual([]);
    expect(all(meta, 'property')).toEqual([]);
  });

  it('imports only Apex methods the Apex classes define as @AuraEnabled', () => {
    const imports = [...source.matchAll(/@salesforce\/apex\/(\w+)\.(\w+)/g)];
    expect(imports.map(([, className]) => className).sort()).toEqual([
      'PresenceSyncController',
      'PresenceSyncController',
      'PresenceSyncHealth',
      'PresenceSyncRules',
    ]);
    for (const [, className, method] of imports) {
      const apex = read(path.join(DEFAULT, `classes/${className}.cls`));
      // Reads are cacheable; the health report writes a row, so it is not.
      const cacheable = className === 'PresenceSyncHealth' ? '' : '\\(cacheable=true\\)';
      expect(apex).toMatch(
        new RegExp(`@AuraEnabled${cacheable}\\s+public static [\\w<>.]+ ${method}\\(`),
      );
    }
  });

  it('loads only static resources the package ships, and the package ships none it does not load', () => {
    const bundle = filesUnder(path.join(DEFAULT, 'lwc')).filter(
      (file) => file.endsWith('.js') && !file.includes('__tests__'),
    );
    const loaded = bundle
      .flatMap((file) =>
        [...read(file).matchAll(/@salesforce\/resourceUrl\/(\w+)/g)].map((match) => match[1]),
      )
      .sort();
    const shipped = fs
      .readdirSync(path.join(DEFAULT, 'staticresources'))
      .filter((file) => file.endsWith('.resource-meta.xml'))
      .map((file) => file.replace('.resource-meta.xml', ''))
      .sort();
    expect(loaded).toEqual([
      'presenceSync',
      'presenceSyncBoard',
      'presenceSyncEs',
      'presenceSyncFr',
      'presenceSyncJa',
      'presenceSyncKo',
      'presenceSyncSetup',
      'presenceSyncUk',
    ]);
    expect(shipped).toEqual(loaded);
  });

  // The element's languages besides English (src/element/locales), in Salesforce's locale codes.
  const LANGUAGES = fs
    .readdirSync(path.join(ROOT, 'src/element/locales'))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();
  const labels = parseXml(path.join(DEFAULT, 'labels/CustomLabels.labels-meta.xml'));
  const english = new Map(
    all(labels.documentElement, 'labels').map((label) => [
      childText(label, 'fullName'),
      childText(label, 'value'),
    ]),
  );
  const placeholders = (text) => [...new Set(text.match(/\{\d+\}/g) || [])].sort();

  it('takes its notices from Custom Labels the package ships, and ships none it does not use', () => {
    const bundle = filesUnder(path.join(DEFAULT, 'lwc')).filter((file) => file.endsWith('.js'));
    const used = bundle
      .flatMap((file) =>
        [...read(file).matchAll(/@salesforce\/label\/c\.(\w+)/g)].map((match) => match[1]),
      )
      .sort();
    expect(used.length).toBeGreaterThan(0);
    expect([...english.keys()].sort()).toEqual(used);
    for (const label of all(labels.documentElement, 'labels')) {
      expect(childText(label, 'language')).toBe('en_US');
      expect(childText(label, 'shortDescription').length).toBeLessThanOrEqual(80);
    }
  });

  it.each(LANGUAGES)('has every notice in %s, with the same placeholders as in English', (code) => {
    expect(LANGUAGES).toEqual(['es', 'fr', 'ja', 'ko', 'uk']);
    const translation = parseXml(path.join(DEFAULT, `translations/${code}.translation-meta.xml`));
    const translated = new Map(
      all(translation.documentElement, 'customLabels').map((label) => [
        childText(label, 'name'),
        childText(label, 'label'),
      ]),
    );
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [name, text] of translated) {
      expect({ name, text }).not.toEqual({ name, text: english.get(name) });
      expect({ name, placeholders: placeholders(text) }).toEqual({
        name,
        placeholders: placeholders(english.get(name)),
      });
    }
  });
});

describe('the Aura utility', () => {
  const bundle = path.join(DEFAULT, 'aura/presenceSyncUtility');
  const markup = parseXml(path.join(bundle, 'presenceSyncUtility.cmp')).documentElement;
  const design = parseXml(path.join(bundle, 'presenceSyncUtility.design')).documentElement;
  const controller = read(path.join(bundle, 'presenceSyncUtilityController.js'));
  const lwcSource = read(path.join(DEFAULT, 'lwc/presenceSyncHost/presenceSyncHost.js'));

  it('is a utility item that owns the Omni-Channel toolkit', () => {
    expect(
      markup
        .getAttribute('implements')
        .split(',')
        .map((name) => name.trim()),
    ).toContain('lightning:utilityItem');
    const toolkit = all(markup, 'lightning:omniToolkitAPI');
    expect(toolkit).toHaveLength(1);
    expect(toolkit[0].getAttribute('aura:id')).toBe('omniToolkit');
  });

  it('handles all ten console events, each with an action its controller defines', () => {
    const handlers = all(markup, 'aura:handler');
    expect(handlers.map((handler) => handler.getAttribute('event')).sort()).toEqual(
      [...EVENTS].sort(),
    );
    for (const handler of handlers) {
      const [, action] = handler.getAttribute('action').match(/^\{!c\.(\w+)\}$/);
      expect(controller).toMatch(
        new RegExp(`\\b${action}: function \\(component, event, helper\\)`),
      );
    }
  });

  it('embeds the LWC host with attributes it declares, and listens to its omnicall', () => {
    const host = all(markup, 'c:presenceSyncHost');
    expect(host).toHaveLength(1);
    expect(host[0].getAttribute('aura:id')).toBe('host');
    const passed = [...host[0].attributes]
      .map((attribute) => attribute.name)
      .filter((name) => !name.includes(':') && !name.startsWith('on'));
    expect(passed.length).toBeGreaterThan(5);
    for (const name of passed) expect(lwcSource).toMatch(new RegExp(`@api\\s+${name}\\b`));
    expect(host[0].getAttribute('onomnicall')).toBe('{!c.onOmniCall}');
    expect(lwcSource).toMatch(/new CustomEvent\('omnicall'/);
  });

  it('offers in App Manager exactly the attributes it passes down', () => {
    const declared = all(markup, 'aura:attribute')
      .map((node) => node.getAttribute('name'))
      .filter((name) => name !== 'supportsPopOut');
    const offered = all(design, 'design:attribute').map((node) => node.getAttribute('name'));
    expect(offered.sort()).toEqual(declared.sort());
    const host = all(markup, 'c:presenceSyncHost')[0];
    for (const name of offered) expect(host.getAttribute(name)).toBe(`{!v.${name}}`);
  });

  it("declares each setting's default, and offers its choices and range, as the settings schema says", () => {
    const { CHOICES, ECHO_WINDOW, IDLE_MINUTES, SESSION_END } = settingsSchema();
    const byName = (node, name) =>
      all(node, name).reduce((map, item) => map.set(item.getAttribute('name'), item), new Map());
    const declared = byName(markup, 'aura:attribute');
    const offered = byName(design, 'design:attribute');
    const found = (map, name, what) => {
      if (!map.has(name)) throw new Error(`the Aura utility has no ${what} ${name}`);
      return map.get(name);
    };
    expect(Object.keys(CHOICES).length).toBeGreaterThanOrEqual(4);
    for (const [name, schema] of Object.entries(CHOICES)) {
      expect([name, found(declared, name, 'aura:attribute').getAttribute('default')]).toEqual([
        name,
        schema.default,
      ]);
      expect([name, found(offered, name, 'design:attribute').getAttribute('datasource')]).toEqual([
        name,
        schema.values.join(','),
      ]);
    }
    const echo = found(offered, 'echoWindowMs', 'design:attribute');
    expect(found(declared, 'echoWindowMs', 'aura:attribute').getAttribute('default')).toBe(
      String(ECHO_WINDOW.default),
    );
    expect([echo.getAttribute('min'), echo.getAttribute('max')]).toEqual([
      String(ECHO_WINDOW.min),
      String(ECHO_WINDOW.max),
    ]);
    const idle = found(offered, 'idleMinutes', 'design:attribute');
    expect(found(declared, 'idleMinutes', 'aura:attribute').getAttribute('default')).toBe(
      String(IDLE_MINUTES.default),
    );
    expect([idle.getAttribute('min'), idle.getAttribute('max')]).toEqual([
      String(IDLE_MINUTES.min),
      String(IDLE_MINUTES.max),
    ]);
    expect(found(declared, 'sessionEnd', 'aura:attribute').getAttribute('default')).toBe(
      SESSION_END.default,
    );
    expect(found(offered, 'idleStatus', 'design:attribute').getAttribute('label')).toBeTruthy();
  });

  it('has controller and helper files that are single object literals', () => {
    for (const file of ['presenceSyncUtilityController.js', 'presenceSyncUtilityHelper.js']) {
      const text = read(path.join(bundle, file)).trim();
      expect(text.startsWith('({')).toBe(true);
      expect(() => new vm.Script(`(${text.replace(/;$/, '')})`)).not.toThrow();
    }
  });
});

describe('Apex, permission set and static resource', () => {
  it('has a test class for the Apex class', () => {
    const test = read(path.join(DEFAULT, 'classes/PresenceSyncControllerTest.cls'));
    expect(test).toMatch(/^@IsTest\s+private class PresenceSyncControllerTest/m);
    expect(test.match(/@IsTest\s+static void/g).length).toBeGreaterThanOrEqual(3);
    expect(test).toMatch(/PresenceSyncController\.listStatuses\(\)/);
    expect(test).toMatch(/PresenceSyncController\.getOrgId\(\)/);
  });

  it('queries the fields the contract names', () => {
    const apex = read(path.join(DEFAULT, 'classes/PresenceSyncController.cls'));
    expect(apex).toMatch(/SELECT Id, DeveloperName, MasterLabel FROM ServicePresenceStatus/);
  });

  it('grants access to the Apex classes the LWC calls and to the rule metadata', () => {
    const set = parseXml(
      path.join(DEFAULT, 'permissionsets/Presence_Sync_User.permissionset-meta.xml'),
    ).documentElement;
    const classes = all(set, 'classAccesses').map((node) => [
      childText(node, 'apexClass'),
      childText(node, 'enabled'),
    ]);
    expect(classes).toEqual([
      ['PresenceSyncController', 'true'],
      ['PresenceSyncHealth', 'true'],
      ['PresenceSyncRules', 'true'],
    ]);
    const types = all(set, 'customMetadataTypeAccesses').map((node) => [
      childText(node, 'name'),
      childText(node, 'enabled'),
    ]);
    expect(types).toEqual([
      ['Presence_Sync_Rule__mdt', 'true'],
      ['Presence_Sync_Row__mdt', 'true'],
    ]);
  });

  it('ships the built IIFE as a classic script (npm run build writes it)', () => {
    const meta = parseXml(
      path.join(DEFAULT, 'staticresources/presenceSync.resource-meta.xml'),
    ).documentElement;
    expect(childText(meta, 'contentType')).toBe('application/javascript');
    const script = path.join(DEFAULT, 'staticresources/presenceSync.js');
    if (!fs.existsSync(script))
      throw new Error(
        `${relative(script)} is missing: run npm run build before deploying or testing the package`,
      );
    const text = read(script);
    expect(() => new vm.Script(text, { filename: 'presenceSync.js' })).not.toThrow();
    expect(text).toMatch(/customElements/);
    expect(text.length).toBeLessThan(5 * 1024 * 1024);
  });

  it.each(['Es', 'Fr', 'Ja', 'Ko', 'Uk'])(
    'ships the %s language pack as a classic script that leaves its table for the element',
    (suffix) => {
      const meta = parseXml(
        path.join(DEFAULT, `staticresources/presenceSync${suffix}.resource-meta.xml`),
      ).documentElement;
      expect(childText(meta, 'contentType')).toBe('application/javascript');
      const script = path.join(DEFAULT, `staticresources/presenceSync${suffix}.js`);
      if (!fs.existsSync(script))
        throw new Error(
          `${relative(script)} is missing: run npm run build before deploying or testing the package`,
        );
      const text = read(script);
      expect(text.length).toBeLessThan(16 * 1024);
      // Run alone, as loadScript would, in a bare global: it writes only PresenceSyncLocales.
      const sandbox = vm.createContext({});
      new vm.Script(text, { filename: `presenceSync${suffix}.js` }).runInContext(sandbox);
      const language = suffix.toLowerCase();
      expect(Object.keys(sandbox)).toEqual(['PresenceSyncLocales']);
      expect(Object.keys(sandbox.PresenceSyncLocales)).toEqual([language]);
      expect(typeof sandbox.PresenceSyncLocales[language]['phase.in-sync']).toBe('string');
    },
  );

  it('keeps tests out of the deployment', () => {
    const ignore = read(path.join(ROOT, '.forceignore'));
    expect(ignore).toMatch(/^\*\*\/__tests__\/\*\*$/m);
    expect(ignore).toMatch(/^force-app\/test\/\*\*$/m);
  });
});

describe('the rule field map (lwc/presenceSyncHost/ruleFields.js)', () => {
  const { RULE_RECORD, ROW_RECORD } = require('../main/default/lwc/presenceSyncHost/ruleFields');
  const apex = read(path.join(DEFAULT, 'classes/PresenceSyncRules.cls'));
  const apexTest = read(path.join(DEFAULT, 'classes/PresenceSyncRulesTest.cls'));

  /** Each query of a type in the class: its SELECT list and the rest (WHERE, ORDER BY). */
  const queriesOf = (source) =>
    [...source.matchAll(/\[\s*SELECT\s([\s\S]*?)\sFROM\s+(\w+)([\s\S]*?)\]/g)].map(
      ([, select, type, rest]) => ({ type, select: select.split(/[\s,]+/), rest }),
    );

  /**
   * What is wrong between a map entry and the package: the field's metadata (file, API name,
   * label), the Apex query (a document field is selected; a placement field is selected, filtered
   * or sorted on, a relationship through its `__r`), and the Apex test (it gives every document
   * field a value, so the shaping of each is exercised).
   */
  function problemsOf(record, { objects, source, test }) {
    const problems = [];
    const object = path.join(objects, record.type);
    if (!fs.existsSync(object)) return [`${record.type}: no such object`];
    const objectLabel = childText(
      parseXml(path.join(object, `${record.type}.object-meta.xml`)).documentElement,
      'label',
    );
    if (objectLabel !== record.label)
      problems.push(`${record.type}: labelled ${objectLabel}, mapped as ${record.label}`);
    const queries = queriesOf(source).filter((query) => query.type === record.type);
    if (queries.length === 0)
      problems.push(`${record.type}: PresenceSyncRules.cls never queries it`);
    const entries = [
      ...Object.entries(record.fields).map(([key, entry]) => [key, entry, 'document']),
      ...Object.entries(record.placement).map(([key, entry]) => [key, entry, 'placement']),
    ];
    for (const [key, { field, label }, kind] of entries) {
      const where = `${record.type} ${key} → ${field}`;
      if (field.endsWith('__c')) {
        const file = path.join(object, 'fields', `${field}.field-meta.xml`);
        if (!fs.existsSync(file)) problems.push(`${where}: no ${relative(file)}`);
        else {
          const meta = parseXml(file).documentElement;
          if (childText(meta, 'fullName') !== field)
            problems.push(`${where}: ${relative(file)} names ${childText(meta, 'fullName')}`);
          if (childText(meta, 'label') !== label)
            problems.push(`${where}: labelled ${childText(meta, 'label')}, mapped as ${label}`);
        }
      }
      const selected = queries.some((query) => query.select.includes(field));
      const referenced = queries.some((query) =>
        new RegExp(`\\b${field.replace(/__c$/, '__[cr]')}\\b`).test(
          `${query.select.join(' ')} ${query.rest}`,
        ),
      );
      if (kind === 'document' && !selected) problems.push(`${where}: not selected by the query`);
      if (kind === 'placement' && !referenced) problems.push(`${where}: not in the query`);
      if (kind === 'document' && !new RegExp(`"${field}"`).test(test))
        problems.push(`${where}: PresenceSyncRulesTest.cls gives it no value`);
    }
    const mapped = new Set(entries.map(([, { field }]) => field));
    for (const file of fs.readdirSync(path.join(object, 'fields'))) {
      const field = file.replace('.field-meta.xml', '');
      if (!mapped.has(field)) problems.push(`${record.type}.${field}: not in the map`);
    }
    return problems;
  }

  const PACKAGE = { objects: path.join(DEFAULT, 'objects'), source: apex, test: apexTest };

  it.each([
    ['rule', RULE_RECORD],
    ['row', ROW_RECORD],
  ])('maps each %s field to its metadata, the Apex query and the Apex test', (_, record) => {
    expect(problemsOf(record, PACKAGE)).toEqual([]);
  });

  it('finds a field missing from its metadata, the query or the test (the check can fail)', () => {
    const broken = {
      ...RULE_RECORD,
      fields: {
        ...RULE_RECORD.fields,
        teams: { field: 'Teams__c', label: 'Team' },
        quietHours: { field: 'Quiet_Hours__c', label: 'Quiet Hours' },
      },
      placement: { ...RULE_RECORD.placement, active: { field: 'Active__c', label: 'Active' } },
    };
    const withoutTeams = apex.replace(/Teams__c, /, '');
    const withoutUsers = apexTest.replace(/"Users__c"/g, '"Other__c"');
    expect(
      problemsOf(broken, { ...PACKAGE, source: withoutTeams, test: withoutUsers }).sort(),
    ).toEqual(
      [
        'Presence_Sync_Rule__mdt quietHours → Quiet_Hours__c: no force-app/main/default/objects/Presence_Sync_Rule__mdt/fields/Quiet_Hours__c.field-meta.xml',
        'Presence_Sync_Rule__mdt quietHours → Quiet_Hours__c: not selected by the query',
        'Presence_Sync_Rule__mdt quietHours → Quiet_Hours__c: PresenceSyncRulesTest.cls gives it no value',
        'Presence_Sync_Rule__mdt teams → Teams__c: labelled Teams, mapped as Team',
        'Presence_Sync_Rule__mdt teams → Teams__c: not selected by the query',
        'Presence_Sync_Rule__mdt users → Users__c: PresenceSyncRulesTest.cls gives it no value',
      ].sort(),
    );
    const { order, ...unplaced } = ROW_RECORD.placement;
    expect(order.field).toBe('Order__c');
    expect(problemsOf({ ...ROW_RECORD, placement: unplaced }, PACKAGE)).toEqual([
      'Presence_Sync_Row__mdt.Order__c: not in the map',
    ]);
  });

  it('gives each of a rule’s row lists a value of the Direction picklist, and every value a list', () => {
    const picklist = parseXml(
      path.join(DEFAULT, `objects/${ROW_RECORD.type}/fields/Direction__c.field-meta.xml`),
    ).documentElement;
    const values = all(picklist, 'value').map((value) => childText(value, 'fullName'));
    expect(Object.values(ROW_RECORD.directions).sort()).toEqual(values.sort());
  });

  it.each([
    'force-app/main/default/lwc/presenceSyncHost/ruleSources.js',
    'src/setup/records.ts',
    'demo/setup-records.ts',
    'demo/setup.ts',
  ])('is the only field map %s reads: it names no field itself', (file) => {
    const source = read(path.join(ROOT, file));
    expect(source).toMatch(/ruleFields(\.js)?'/);
    expect(source.match(/\b\w+__c\b/g)).toBeNull();
  });
});
