// The one origin parser every allow-list uses: the widget's agent-origin, the CXone bridge's
// widgetOrigins, the Webex relay's lightning-origin.
import { expect } from '@open-wc/testing';
import { exactOrigin, parseOrigins, readOrigins } from '../../src/protocol/origins.js';

const EXAMPLE = 'of the app, e.g. https://app.example.com';

describe('exactOrigin()', () => {
  it('normalises hosts and default ports the way browsers report MessageEvent.origin', () => {
    expect(exactOrigin('https://Agent.Example.com:443/')).to.equal('https://agent.example.com');
    expect(exactOrigin('https://agent.example.com:8443')).to.equal(
      'https://agent.example.com:8443',
    );
  });

  it('takes plain http on loopback only: 127.0.0.1, [::1], localhost and *.localhost', () => {
    for (const origin of [
      'http://127.0.0.1:8080',
      'http://[::1]:8080',
      'http://localhost:3000',
      'http://agent.contact-center.localhost:8000',
    ])
      expect(exactOrigin(origin), origin).to.equal(origin);
    for (const origin of [
      'http://agent.example.com',
      'http://10.0.0.5',
      'http://localhost.evil.com',
    ])
      expect(exactOrigin(origin), origin).to.equal(null);
  });
});

describe('parseOrigins()', () => {
  for (const [entry, why] of [
    ['*', 'wildcards'],
    ['https://*.nicecxone.com', 'wildcards'],
    ['null', 'opaque'],
    ['agent.example.com', 'not an origin'],
    ['ftp://agent.example.com', 'only http: and https:'],
    ['https://agent.example.com/app', 'did you mean https://agent.example.com?'],
    ['https://agent.example.com?x=1', 'no path, query or credentials'],
    ['https://agent.example.com#top', 'no path, query or credentials'],
    ['https://user:pw@agent.example.com', 'no path, query or credentials'],
    ['http://agent.example.com', 'loopback only'],
  ] as const) {
    it(`refuses ${JSON.stringify(entry)}, naming it and why`, () => {
      const read = parseOrigins(`https://ok.example.com ${entry}`, EXAMPLE);
      expect(read.origins).to.deep.equal(['https://ok.example.com']);
      expect(read.refused).to.have.length(1);
      expect(read.refused[0]?.entry).to.equal(entry);
      expect(read.refused[0]?.why).to.contain(why);
    });
  }

  it('refuses entries that are not strings', () => {
    const read = parseOrigins(['https://ok.example.com', 42], EXAMPLE);
    expect(read.refused).to.deep.equal([{ entry: '42', why: 'origins are strings' }]);
  });

  it('asks for at least one origin with the caller’s example, and reads at most 20', () => {
    expect(parseOrigins('  ', EXAMPLE).refused).to.deep.equal([
      { entry: null, why: `is required: the exact origin(s) ${EXAMPLE}` },
    ]);
    const many = Array.from({ length: 21 }, (_, index) => `https://a${index}.example.com`);
    const read = parseOrigins(many, EXAMPLE);
    expect(read.origins).to.have.length(20);
    expect(read.refused).to.deep.equal([{ entry: null, why: 'lists more than 20 origins' }]);
  });

  it('drops duplicates after normalising', () => {
    expect(
      parseOrigins(
        'https://a.example.com https://A.example.com:443 https://a.example.com/',
        EXAMPLE,
      ).origins,
    ).to.deep.equal(['https://a.example.com']);
  });
});

describe('readOrigins()', () => {
  it('words each refusal to follow the setting’s name', () => {
    expect(readOrigins('https://ok.example.com *', EXAMPLE).problems).to.deep.equal([
      '"*" is refused: wildcards would let any page in; list exact origins',
    ]);
  });
});
