import { describe, expect, it } from 'vitest';
import type { Problem } from './problem.ts';
import { readStringFields } from './string-fields.ts';

const SPEC = { network: { maxLength: 3, required: true }, text: { maxLength: 5, required: true }, r: { maxLength: 2 } };

function problemOf(source: unknown): unknown {
  try {
    readStringFields(source, 'body', SPEC);
  } catch (err) {
    const p = err as Problem;
    return { status: p.status, title: p.message, detail: p.detail, params: p.invalidParams };
  }
  return undefined;
}

describe('readStringFields', () => {
  it('coerces as Fastify\'s validation does (coerceTypes "array")', () => {
    expect(readStringFields({ network: ['a'], text: 1, r: null }, 'body', SPEC)).toEqual({ network: 'a', text: '1', r: '' });
    expect(readStringFields({ network: 'a', text: true, extra: 'kept out' }, 'body', SPEC)).toEqual({ network: 'a', text: 'true', r: undefined });
    // characters, not UTF-16 units
    expect(readStringFields({ network: 'a', text: '😀😀😀😀😀' }, 'body', SPEC).text).toBe('😀😀😀😀😀');
  });

  it('gives the first error Ajv gives, worded as the error handler words it', () => {
    expect(problemOf(undefined)).toEqual({ status: 400, title: 'The body is invalid', detail: 'body: must be object', params: [{ name: 'body', reason: 'must be object' }] });
    // the required fields are checked before any field's value
    expect(problemOf({ network: 'abcd' })).toMatchObject({ detail: "text: must have required property 'text'" });
    expect(problemOf({ text: 'x' })).toMatchObject({ detail: "network: must have required property 'network'" });
    expect(problemOf({ network: ['a', 'b'], text: 'c' })).toMatchObject({ detail: 'network: must be string', params: [{ name: 'network', reason: 'must be string' }] });
    expect(problemOf({ network: [[1]], text: 'c' })).toMatchObject({ detail: 'network: must be string' });
    expect(problemOf({ network: {}, text: 'c' })).toMatchObject({ detail: 'network: must be string' });
    expect(problemOf({ network: 'a', text: '😀😀😀😀😀😀' })).toMatchObject({ detail: 'text: must NOT have more than 5 characters' });
  });
});
