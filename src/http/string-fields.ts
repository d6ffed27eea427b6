// Validate at the edge, for a public page answered without Fastify's schemas (http/answer.ts): a body or a
// query of optional and required text fields is checked as the route's schema was, with the same coercion
// (coerceTypes 'array': a one-item array, a number, a boolean, a null become a string) and the same first
// error, worded as the error handler words Ajv's.
import { badRequest, type Problem } from './problem.ts';

export interface StringField {
  maxLength: number;
  required?: boolean;
}

export type StringFields<K extends string> = { [key in K]: string | undefined };

/** Each spec's field names, listed once (the specs are constants read with every request). */
const specNames = new WeakMap<object, string[]>();

/** The fields, coerced; throws the problem Fastify's validation would have given. */
export function readStringFields<K extends string>(source: unknown, context: 'querystring' | 'body', spec: Readonly<Record<K, StringField>>): StringFields<K> {
  if (typeof source !== 'object' || source === null || Array.isArray(source)) throw invalidField(context, context, 'must be object');
  const data = source as Record<string, unknown>;
  let names = specNames.get(spec) as K[] | undefined;
  if (!names) specNames.set(spec, names = Object.keys(spec) as K[]);
  for (const name of names) {
    if (spec[name].required && data[name] === undefined) throw invalidField(context, name, `must have required property '${name}'`);
  }
  const fields = {} as StringFields<K>;
  for (const name of names) {
    const value = data[name];
    if (value === undefined) {
      fields[name] = undefined;
      continue;
    }
    const text = asString(Array.isArray(value) && value.length === 1 ? value[0] : value);
    if (text === undefined) throw invalidField(context, name, 'must be string');
    const { maxLength } = spec[name];
    // Ajv counts characters, not UTF-16 units: only a string longer in units can be too long
    if (text.length > maxLength && [...text].length > maxLength) throw invalidField(context, name, `must NOT have more than ${maxLength} characters`);
    fields[name] = text;
  }
  return fields;
}

function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return '';
  return undefined;
}

function invalidField(context: string, name: string, reason: string): Problem {
  return badRequest(`The ${context} is invalid`, `${name}: ${reason}`, [{ name, reason }]);
}
