import { describe, expect, it } from 'vitest';
import { emailAddressProblem, normaliseEmail } from './email-address.ts';

describe('email addresses', () => {
  it('are compared trimmed and lower-cased', () => {
    expect(normaliseEmail('  Rahima.Mahmut@Example.ORG\t')).toBe('rahima.mahmut@example.org');
  });

  it('accept ordinary and international addresses', () => {
    for (const ok of ['a@b.co', 'first.last+tag@sub.example.org', 'ئابدۇ@مىسال.com', 'x_y-z@example-host.museum']) {
      expect(emailAddressProblem(ok), ok).toBeUndefined();
    }
  });

  it('refuse what would not reach anyone', () => {
    const bad = ['foo@', '@example.org', 'no-at.example.org', 'two@@example.org', 'a@b@example.org', 'a b@example.org',
      'name <a@example.org>', 'a@example', 'a@.example.org', 'a@example..org', '.a@example.org', 'a,b@example.org',
      `${'x'.repeat(250)}@example.org`];
    for (const address of bad) expect(emailAddressProblem(address), address).toBeDefined();
  });
});
