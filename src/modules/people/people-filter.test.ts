import { describe, expect, it } from 'vitest';
import { Problem } from '../../http/problem.ts';
import { readFilter } from './people-filter.ts';

describe('the supporter list\'s filters', () => {
  it('keep only what was asked for, trimmed and NFC, repeated values once', () => {
    expect(readFilter({})).toEqual({});
    expect(readFilter({ q: '  ', tag: ['', ' a ', 'a'], language: [], country: ['GB', 'GB'] })).toEqual({ tags: ['a'], countries: ['GB'] });
    expect(readFilter({ q: ' Ayşe ', status: ['subscribed', 'subscribed'], email: ' Ada@Example.ORG ' }))
      .toEqual({ q: 'Ayşe', statuses: ['subscribed'], email: 'ada@example.org' });
  });

  it('read custom fields from a query string (field.NAME) and from a body (field: {NAME})', () => {
    expect(readFilter({ 'field.Phone Number': '+1 555', field: { Group: ' A ' }, other: 'ignored' }))
      .toEqual({ fields: { 'Phone Number': '+1 555', Group: 'A' } });
  });

  it('refuse a nameless or repeated custom field, naming it', () => {
    const problem = (input: Record<string, unknown>) => {
      try {
        readFilter(input);
      } catch (err) {
        return err instanceof Problem ? err.invalidParams : err;
      }
      return undefined;
    };
    expect(problem({ 'field.': 'x' })).toEqual([{ name: 'field.', reason: 'a custom field\'s name must have 1 to 200 characters' }]);
    expect(problem({ 'field.Group': ['A', 'B'] })).toEqual([{ name: 'field.Group', reason: 'give one value' }]);
    expect(problem(Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`field.f${i}`, 'x']))))
      .toEqual([{ name: 'field', reason: 'at most 10 custom field filters' }]);
  });
});
