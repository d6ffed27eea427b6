import { describe, expect, it } from 'vitest';
import { mapHeaders } from './import-headers.ts';

describe('mapping CSV headers', () => {
  it('recognises the names real exports use, whatever their case, spaces, underscores or hyphens', () => {
    const cases: Record<string, string[]> = {
      email: ['email', 'Email Address', 'email_address', 'e-mail', 'E-Mail', 'EMAIL'],
      given_name: ['first_name', 'given_name', 'First Name', 'firstname'],
      family_name: ['last_name', 'family_name', 'Last Name', 'surname'],
      language: ['language', 'lang', 'preferred_language'],
      country: ['country', 'country_code'],
      postal_code: ['zip', 'zip_code', 'postcode', 'postal_code', 'Zip Code'],
      tags: ['tags', 'Tags', 'tag_list', 'TAGS'],
    };
    for (const [field, names] of Object.entries(cases)) {
      for (const name of names) expect(mapHeaders([name]).fields, name).toEqual({ [field]: 0 });
    }
  });

  it('keeps unknown columns as custom fields under the header as written, ignoring nameless ones', () => {
    const map = mapHeaders([' Email ', 'Phone Number', '', 'can2_user_tags']);
    expect(map.fields).toEqual({ email: 0 });
    expect(map.custom).toEqual([{ index: 1, key: 'Phone Number' }, { index: 3, key: 'can2_user_tags' }]);
  });

  it('lets the first of two columns with the same meaning win and keeps the second as a custom field', () => {
    const map = mapHeaders(['zip', 'email', 'Zip Code']);
    expect(map.fields).toEqual({ postal_code: 0, email: 1 });
    expect(map.custom).toEqual([{ index: 2, key: 'Zip Code' }]);
  });
});
