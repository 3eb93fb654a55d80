import { readSources, recordNoticeOf } from '../ruleSources';

const SOURCES = readSources([
  { path: 'rules[0]', type: 'Presence_Sync_Rule__mdt', record: 'Webex', label: 'Webex' },
  {
    path: 'rules[0].subscriber[0]',
    type: 'Presence_Sync_Row__mdt',
    record: 'Webex_Sub_1',
    label: 'Away',
  },
  {
    path: 'rules[0].timeouts[0]',
    type: 'Presence_Sync_Row__mdt',
    record: 'Webex_Tmo_1',
    label: 'Away ≤ 30 min → notify',
  },
  { path: 'rules[1]', type: 'Presence_Sync_Rule__mdt', record: 'Other', label: '' },
  { path: 42 },
  null,
]);

const notice = (path) => recordNoticeOf({ message: 'wrong.', path }, SOURCES);

describe('recordNoticeOf', () => {
  it('drops sources that are not sources', () => {
    expect(SOURCES).toHaveLength(4);
    expect(readSources('junk')).toEqual([]);
  });

  it('names the row and its field for a row path', () => {
    expect(notice('rules[0].subscriber[0].acd')).toBe(
      'Fix the Presence Sync Row "Away" (Webex_Sub_1), field ACD State: wrong.',
    );
  });

  it('names the rule and its work fields, the deepest record first', () => {
    expect(notice('rules[0].omniWork.atPercent')).toBe(
      'Fix the Presence Sync Rule "Webex" (Webex), field Omni Work At Percent: wrong.',
    );
    expect(notice('rules[0].acdWork.salesforce')).toMatch(/field ACD Work Status: wrong\.$/);
    expect(notice('rules[0].teams[2]')).toMatch(/field Teams: wrong\.$/);
    expect(notice('rules[0].name')).toMatch(/field Label: wrong\.$/);
    expect(notice('rules[1]')).toBe('Fix the Presence Sync Rule Other: wrong.');
  });

  it('names a timed state’s row and its field', () => {
    expect(notice('rules[0].timeouts[0].minutes')).toBe(
      'Fix the Presence Sync Row "Away ≤ 30 min → notify" (Webex_Tmo_1), field Minutes: wrong.',
    );
    expect(notice('rules[0].timeouts[0].then')).toMatch(/field Then: wrong\.$/);
    expect(notice('rules[0].timeouts[0]')).toMatch(
      /^Fix the Presence Sync Row .*\(Webex_Tmo_1\): wrong\.$/,
    );
  });

  it('names the first field under an object the problem is about', () => {
    expect(notice('rules[0].omniWork')).toMatch(/field Omni Work ACD State: wrong\.$/);
    expect(notice('rules[0].acdWork')).toMatch(/field ACD Work Status: wrong\.$/);
  });

  it('is silent for paths no record holds, and for problems without a path', () => {
    expect(notice('rules[10].publisher[0]')).toBeUndefined();
    expect(notice('agent-origin')).toBeUndefined();
    expect(recordNoticeOf({ message: 'x' }, SOURCES)).toBeUndefined();
  });
});
