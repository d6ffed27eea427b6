// A form's fields (application/x-www-form-urlencoded, or a query string) read the way Fastify reads them
// (fast-querystring): "+" is a space, a key given twice becomes an array, a value whose escapes are broken
// is kept as it came. The escapes are decoded by the engine's decodeURIComponent, which on the share form's
// long, mostly escaped text costs a fraction of decoding it character by character in JavaScript.

export type FormFields = Record<string, string | string[]>;

export function parseFormFields(input: string): FormFields {
  const fields: FormFields = Object.create(null) as FormFields;
  let start = 0;
  const end = input.length;
  while (start <= end) {
    let amp = input.indexOf('&', start);
    if (amp === -1) amp = end;
    if (amp > start) {
      const eq = input.indexOf('=', start);
      const hasValue = eq !== -1 && eq < amp;
      const key = decode(input.slice(start, hasValue ? eq : amp));
      // "&&" adds nothing; "=" alone adds an empty key, as fast-querystring does
      if (hasValue || key.length > 0) {
        const value = hasValue ? decode(input.slice(eq + 1, amp)) : '';
        const current = fields[key];
        if (current === undefined) fields[key] = value;
        else if (typeof current === 'string') fields[key] = [current, value];
        else current.push(value);
      }
    }
    start = amp + 1;
  }
  return fields;
}

function decode(part: string): string {
  const spaced = part.includes('+') ? part.replaceAll('+', ' ') : part;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}
