// phaseLabel: the panel's phase words for hosts that show the phase elsewhere (the Lightning
// utility label, force-app/main/default/lwc/presenceSyncHost).
import { expect } from '@open-wc/testing';
import { phaseLabel } from '../../src/element/i18n.js';

describe('phaseLabel', () => {
  it('gives the panel wording in the nearest supported language', () => {
    expect(phaseLabel('in-sync', 'en')).to.equal('In sync');
    expect(phaseLabel('in-sync', 'fr-CA')).to.equal('Synchronisé');
    expect(phaseLabel('paused', 'es')).to.equal('En pausa');
    expect(phaseLabel('error', 'ja-JP')).to.not.equal(phaseLabel('error', 'en'));
  });

  it('falls back to English for an unsupported or missing language', () => {
    expect(phaseLabel('error', 'xx')).to.equal('Needs attention');
    expect(phaseLabel('waiting')).to.equal('Waiting for Omni-Channel');
  });

  it('returns an unknown phase as given, never a key or undefined', () => {
    expect(phaseLabel('weird', 'fr')).to.equal('weird');
    expect(phaseLabel('toString', 'en')).to.equal('toString');
  });
});
