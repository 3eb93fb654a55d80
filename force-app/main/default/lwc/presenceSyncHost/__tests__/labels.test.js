import { LABELS, format } from '../labels';

describe('format', () => {
  it('fills each {n} with its value, the same placeholder as often as it appears', () => {
    expect(format(LABELS.rulesEmpty, 'Elinor')).toBe(
      'The rule set "Elinor" has no active Presence Sync Rule records: add them in Setup › Custom Metadata Types › Presence Sync Rule, with Rule Set "Elinor".',
    );
    expect(format('{1} before {0}', 'a', 'b')).toBe('b before a');
  });

  it('leaves a placeholder without a value as it is, and reads values as text', () => {
    expect(format('{0} and {1}', 7)).toBe('7 and {1}');
    expect(format('{0}', '{1}', 'x')).toBe('{1}');
  });
});
