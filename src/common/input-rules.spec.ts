import fc from 'fast-check';
import { InvalidInput } from './domain-errors.js';
import { INPUT_LIMITS, optionalHttpUrl, optionalText, requiredText } from './input-rules.js';
import { refusal } from '../../test/support/refusal.js';

/** What the database's CHECK on source.url and participant.website asks (migrations/...-create-registry-schema.ts). */
const DATABASE_URL_CHECK = /^https?:\/\//;

describe('the URL rule', () => {
  it('keeps an http or https address as written, trimmed', () => {
    expect(optionalHttpUrl('  https://example.org/a?b=c#d ', 'source.url')).toBe('https://example.org/a?b=c#d');
    expect(optionalHttpUrl('http://example.org', 'source.url')).toBe('http://example.org');
  });

  it('stores an upper-case scheme lower-case, the form the database CHECK accepts', () => {
    expect(optionalHttpUrl('HTTPS://Example.ORG/Page', 'source.url')).toBe('https://Example.ORG/Page');
    expect(optionalHttpUrl('Http://example.org', 'source.url')).toBe('http://example.org');
  });

  it.each([
    ['no // after the scheme', 'https:example.org/page'],
    ['one slash', 'https:/example.org'],
    ['no host', 'https://'],
    ['no host before the path', 'https:///path'],
    ['another scheme', 'ftp://example.org'],
    ['a javascript: address', 'javascript:alert(1)'],
    ['a space inside', 'https://example.org/a b'],
    ['no scheme', 'example.org'],
  ])('refuses an address with %s, naming the field', (_case, url) => {
    const error = refusal(() => optionalHttpUrl(url, 'source.url'));
    expect(error.argument).toBe('source.url');
    expect(error.message).toMatch(/^source\.url must be an http or https address/);
  });

  it('refuses an address over its limit, naming the field', () => {
    const long = `https://example.org/${'a'.repeat(INPUT_LIMITS.url)}`;
    expect(refusal(() => optionalHttpUrl(long, 'source.url')).message).toBe(
      `source.url must be at most ${INPUT_LIMITS.url} characters`,
    );
    expect(refusal(() => optionalHttpUrl('https://example.org/abc', 'website', 10)).argument).toBe('website');
  });

  it('lets through only what the database CHECK accepts, whatever the text', () => {
    const scheme = fc.constantFrom('http', 'https', 'HTTP', 'HTTPS', 'hTtPs', 'ftp', '');
    const separator = fc.constantFrom('://', ':', ':/', '//', '');
    fc.assert(
      fc.property(scheme, separator, fc.string({ maxLength: 40 }), (prefix, join, rest) => {
        let kept: string | null;
        try {
          kept = optionalHttpUrl(`${prefix}${join}${rest}`, 'url');
        } catch (error) {
          return error instanceof InvalidInput;
        }
        return kept === null || DATABASE_URL_CHECK.test(kept);
      }),
      { seed: 20261201, numRuns: 2000 },
    );
  });
});

describe('the text rule', () => {
  it('trims, and takes blank for absent', () => {
    expect(optionalText('  a note ', 'note', INPUT_LIMITS.note)).toBe('a note');
    expect(optionalText('   ', 'note', INPUT_LIMITS.note)).toBeNull();
    expect(refusal(() => requiredText('  ', 'title', INPUT_LIMITS.commitmentTitle)).message).toBe(
      'title must not be empty',
    );
  });

  it('refuses text over its limit and control characters, naming the field', () => {
    expect(refusal(() => optionalText('x'.repeat(INPUT_LIMITS.note + 1), 'note', INPUT_LIMITS.note)).message).toBe(
      `note must be at most ${INPUT_LIMITS.note} characters`,
    );
    expect(refusal(() => optionalText('a\u0000b', 'note', INPUT_LIMITS.note)).argument).toBe('note');
  });
});
