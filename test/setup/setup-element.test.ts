// <presence-sync-setup> in Chromium: axe-clean in every language, usable from the keyboard (real
// key presses), rows reordered with focus kept on the moved row, every edit checked with the
// problem at its cell, an import shown as a diff before it applies, preflight findings shown, the
// exports and the save through the saver port.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CatalogSnapshot, SetupCatalog } from '../../src/setup/catalog.js';
import '../../src/setup/define-setup.js';
import type { PresenceSyncSetupElement, SetupSaver } from '../../src/setup/setup-element.js';
import { SETUP_WORDS } from '../../src/setup/words/index.js';
import { ORG } from './catalog-fixture.js';
import { NICE_INPUT, SEED_RULE, WEBEX_INPUT } from './golden.js';

const catalogOf = (snapshot: CatalogSnapshot): SetupCatalog => ({ load: async () => snapshot });

async function setup(
  rules: unknown = SEED_RULE,
  catalog: SetupCatalog | null = catalogOf(ORG),
  locale = 'en',
): Promise<PresenceSyncSetupElement> {
  const el = await fixture<PresenceSyncSetupElement>(
    html`<presence-sync-setup
      locale=${locale}
      .rules=${rules}
      .catalog=${catalog}
    ></presence-sync-setup>`,
  );
  await settle(el);
  return el;
}

/** Lets the catalog's promise resolve and the element redraw. */
async function settle(el: PresenceSyncSetupElement): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    await el.updateComplete;
    await Promise.resolve();
  }
}

const $ = <T extends Element = HTMLElement>(el: PresenceSyncSetupElement, selector: string) => {
  const found = el.shadowRoot!.querySelector<T>(selector);
  if (found === null) throw new Error(`no ${selector}`);
  return found;
};
const cell = (el: PresenceSyncSetupElement, path: string) =>
  $<HTMLInputElement>(el, `input[data-path="${path}"]`);
const active = (el: PresenceSyncSetupElement) => el.shadowRoot!.activeElement as HTMLElement | null;
const type = (input: HTMLInputElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new Event('input'));
};

describe('<presence-sync-setup>', () => {
  it('shows the rule set as rows and has no axe violation, in each of the six languages', async () => {
    for (const locale of Object.keys(SETUP_WORDS)) {
      const el = await setup(SEED_RULE, catalogOf(ORG), locale);
      expect(cell(el, 'rules[0].publisher[2].acd').value).to.equal('Unavailable/Lunch');
      expect(cell(el, 'rules[0].subscriber[2].acd').value).to.equal('PreviousState');
      expect(cell(el, 'rules[0].omniWork.acd').value).to.equal('Unavailable/Chat');
      expect($(el, 'h2').textContent).to.equal(SETUP_WORDS[locale]!.title);
      await expect(el).to.be.accessible();
    }
  });

  it('checks each edit with the product’s parser and points at the cell', async () => {
    const el = await setup();
    const input = cell(el, 'rules[0].subscriber[1].acd');
    type(input, 'InboundContact');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    const line = $(el, `#${input.getAttribute('aria-describedby')}`);
    expect(line.textContent).to.contain('rules[0].subscriber[1].acd');
    expect(el.draft.rules[0]!.subscriber[1]!.acd).to.equal('InboundContact');
    expect($(el, '#checks li.error').dataset.path).to.equal('rules[0].subscriber[1].acd');
    type(input, 'Unavailable/Lunch');
    expect(input.hasAttribute('aria-invalid')).to.equal(false);
    expect(el.shadowRoot!.querySelector('#checks li.error')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('shows preflight findings with the row named, and “go to” moves focus to the cell', async () => {
    const el = await setup();
    type(cell(el, 'rules[0].publisher[0].salesforce'), 'available_for_chats');
    const finding = $(el, '#checks li.error[data-path="rules[0].publisher[0].salesforce"]');
    expect(finding.textContent).to.contain('Available_for_Chats');
    expect(finding.textContent).to.contain('publisher row 1');
    finding.querySelector('button')!.click();
    expect(active(el)).to.equal(cell(el, 'rules[0].publisher[0].salesforce'));
  });

  it('reorders rows from the keyboard, focus following the moved row', async () => {
    const el = await setup();
    const down = $<HTMLButtonElement>(el, 'button[data-key="rules[0].publisher[0]:down"]');
    down.focus();
    await sendKeys({ press: 'Enter' });
    expect(el.draft.rules[0]!.publisher.map((row) => row.acd)).to.deep.equal([
      'InboundContact',
      'Available',
      'Unavailable/Lunch',
      'LoggedOut',
    ]);
    expect(active(el)?.dataset.key).to.equal('rules[0].publisher[1]:down');
    await sendKeys({ press: 'Space' });
    expect(el.draft.rules[0]!.publisher[2]!.acd).to.equal('Available');
    // Tab leaves the row's buttons for the next row's first cell, in order.
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(active(el)).to.equal(cell(el, 'rules[0].publisher[3].acd'));
  });

  it('adds a row, typed into without leaving the keyboard, and removes it', async () => {
    const el = await setup();
    $<HTMLButtonElement>(el, 'button[data-key="rules[0].publisher:add"]').focus();
    await sendKeys({ press: 'Enter' });
    expect(active(el)).to.equal(cell(el, 'rules[0].publisher[4].acd'));
    await sendKeys({ type: 'Dialer' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Busy_On_Call' });
    expect(el.draft.rules[0]!.publisher[4]).to.deep.equal({
      acd: 'Dialer',
      salesforce: 'Busy_On_Call',
    });
    expect(el.shadowRoot!.querySelector('#checks li.error')).to.equal(null);
    $<HTMLButtonElement>(el, 'button[data-key="rules[0].publisher[4]:remove"]').click();
    expect(el.draft.rules[0]!.publisher).to.have.length(4);
  });

  it('adds, moves and removes rules', async () => {
    const el = await setup();
    $<HTMLButtonElement>(el, 'button[data-key="add-rule"]').click();
    expect(el.draft.rules.map((rule) => rule.name)).to.deep.equal(['Chat and voice', 'New rule']);
    $<HTMLButtonElement>(el, 'button[data-key="rules[1]:up"]').click();
    expect(el.draft.rules.map((rule) => rule.name)).to.deep.equal(['New rule', 'Chat and voice']);
    expect(active(el)?.dataset.key).to.equal('rules[0]:down');
    $<HTMLButtonElement>(el, 'button[data-key="rules[0]:remove"]').click();
    expect(el.draft.rules.map((rule) => rule.name)).to.deep.equal(['Chat and voice']);
  });

  it('shows NICE’s rule as a diff with its notes, and applies it only when asked', async () => {
    const el = await setup();
    const before = el.draft;
    $<HTMLTextAreaElement>(el, '#import-text').value = JSON.stringify(NICE_INPUT);
    $<HTMLInputElement>(el, '#import-name').value = 'Chat and voice';
    $<HTMLButtonElement>(el, '#preview-import').click();
    const preview = $(el, '#import-preview');
    expect(preview.textContent).to.contain('Rule “Chat and voice” changed');
    expect(preview.textContent).to.contain('ACW/Wrap');
    expect(preview.textContent).to.contain('publisherStateMap[4]');
    expect(el.draft).to.deep.equal(before);
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '#apply-import').click();
    expect(el.draft.rules[0]!.publisher.map((row) => row.acd)).to.include('ACW/Wrap');
    expect(el.draft.rules[0]!.omniWork).to.equal(undefined);
  });

  it('cancels an import, and names the path of bad input', async () => {
    const el = await setup();
    const select = $<HTMLSelectElement>(el, '#import-source');
    select.value = 'webex';
    select.dispatchEvent(new Event('change'));
    $<HTMLTextAreaElement>(el, '#import-text').value = '{"enableOmniChannelSync": "maybe"}';
    $<HTMLButtonElement>(el, '#preview-import').click();
    expect($(el, '#import-preview').textContent).to.contain(
      'enableOmniChannelSync: must be true or false',
    );
    $<HTMLTextAreaElement>(el, '#import-text').value = JSON.stringify(WEBEX_INPUT);
    $<HTMLButtonElement>(el, '#preview-import').click();
    expect($(el, '#import-preview').textContent).to.contain('Rule “Webex” added');
    $<HTMLButtonElement>(el, '#cancel-import').click();
    expect(el.draft.rules.map((rule) => rule.name)).to.deep.equal(['Chat and voice']);
  });

  it('keeps what was typed in the import form across a rebuild, and applies onto the newest edits', async () => {
    const el = await setup();
    const select = $<HTMLSelectElement>(el, '#import-source');
    select.value = 'webex';
    select.dispatchEvent(new Event('change'));
    const text = $<HTMLTextAreaElement>(el, '#import-text');
    text.value = JSON.stringify(WEBEX_INPUT);
    text.dispatchEvent(new Event('input'));
    $<HTMLButtonElement>(el, 'button[data-key="add-rule"]').click();
    expect($<HTMLTextAreaElement>(el, '#import-text').value).to.equal(JSON.stringify(WEBEX_INPUT));
    expect($<HTMLSelectElement>(el, '#import-source').value).to.equal('webex');
    $<HTMLButtonElement>(el, '#preview-import').click();
    type(cell(el, 'rules[0].publisher[0].salesforce'), 'Busy_On_Call');
    $<HTMLButtonElement>(el, '#apply-import').click();
    expect(el.draft.rules.map((rule) => rule.name)).to.deep.equal([
      'Chat and voice',
      'New rule',
      'Webex',
    ]);
    expect(el.draft.rules[0]!.publisher[0]!.salesforce).to.equal('Busy_On_Call');
  });

  it('exports JSON that reads back as the same rule set, and a metadata ZIP', async () => {
    const el = await setup();
    const again = await setup(el.exportJson());
    expect(again.draft).to.deep.equal(el.draft);
    const folder = el.exportMetadata();
    expect(folder.ok && [...folder.zip.slice(0, 4)]).to.deep.equal([0x50, 0x4b, 0x03, 0x04]);
  });

  it('saves through the saver only when preflight has no error, and says the outcome', async () => {
    const calls: unknown[] = [];
    const saver: SetupSaver = {
      save: async (request) => {
        calls.push(request);
        return { ok: true, message: 'deployment 0Af000000000001 succeeded' };
      },
    };
    const el = await setup();
    el.saver = saver;
    await settle(el);
    type(cell(el, 'rules[0].publisher[0].salesforce'), 'Nope');
    $<HTMLButtonElement>(el, '#save').click();
    await settle(el);
    expect(calls).to.have.length(0);
    expect($(el, '#save-status').textContent).to.equal('Fix the errors first.');
    type(cell(el, 'rules[0].publisher[0].salesforce'), 'Available_for_Chats');
    let saved: unknown = null;
    el.addEventListener(
      'presencesyncsetupsave',
      (event) => (saved = (event as CustomEvent).detail),
    );
    $<HTMLButtonElement>(el, '#save').click();
    await settle(el);
    expect(calls).to.have.length(1);
    const records = (calls[0] as { records: { record: string; fields: Record<string, unknown> }[] })
      .records;
    expect(records.length).to.equal(9);
    expect(records[0]!.record).to.match(/^Default_[0-9a-z]{6}_Chat_and_voice$/);
    expect(records[1]!.fields.Rule__c).to.equal(records[0]!.record);
    expect($(el, '#save-status').textContent).to.equal(
      'Saved: deployment 0Af000000000001 succeeded',
    );
    expect(saved).to.deep.equal({ ruleSet: 'Default', document: el.draft });
  });

  it('checks codes against a pasted list when the org knows none', async () => {
    const el = await setup(SEED_RULE, catalogOf({ ...ORG, codes: null }));
    expect(el.currentFindings.some((finding) => finding.code === 'code-unknown')).to.equal(false);
    const codes = $<HTMLTextAreaElement>(el, '#pasted-codes');
    codes.value = 'Lunch\nACW: Wrap';
    codes.dispatchEvent(new Event('change'));
    const unknown = el.currentFindings.filter((finding) => finding.code === 'code-unknown');
    expect(unknown.map((finding) => finding.path)).to.deep.equal(['rules[0].omniWork.acd']);
    expect($(el, '#f-rules-0-omniWork-acd-problem').textContent).to.contain('no code “Chat”');
    await expect(el).to.be.accessible();
  });

  it('says when the catalog cannot be read, and still checks the rules', async () => {
    const el = await setup(SEED_RULE, {
      load: async () => ({ statuses: [{ id: 1 }] }) as unknown as CatalogSnapshot,
    });
    expect($(el, '[role="alert"]').textContent).to.contain('statuses[0].id');
    expect(el.shadowRoot!.querySelector('#checks li.error')).to.equal(null);
  });

  it('lists a rule’s timed states with their count, read-only, and “go to” reaches one', async () => {
    const rule = {
      ...SEED_RULE.rules[0]!,
      timeouts: [
        { salesforce: 'Away', minutes: 30, then: 'Available_for_Chats' },
        { acd: 'Lunch', minutes: 60, then: 'notify' },
      ],
    };
    const el = await setup({ version: 1, rules: [rule] });
    const list = $(el, 'fieldset[data-path="rules[0].timeouts"]');
    expect(list.querySelector('legend')!.textContent).to.equal('Timed states: 2');
    expect([...list.querySelectorAll('li')].map((item) => item.textContent)).to.deep.equal([
      'Away ≤ 30 min → Available_for_Chats',
      'Unavailable/Lunch ≤ 60 min → notify',
    ]);
    expect(list.querySelectorAll('input, button')).to.have.length(0);
    el.focusPath('rules[0].timeouts[1].minutes');
    expect(active(el)?.dataset.path).to.equal('rules[0].timeouts[1]');
    expect(el.draft.rules[0]!.timeouts).to.deep.equal([
      { salesforce: 'Away', minutes: 30, then: 'Available_for_Chats' },
      { acd: 'Unavailable/Lunch', minutes: 60, then: 'notify' },
    ]);
    await expect(el).to.be.accessible();
    const plain = await setup();
    expect(plain.shadowRoot!.querySelector('fieldset[data-path="rules[0].timeouts"]')).to.equal(
      null,
    );
  });
});
