import { parse } from 'fast-querystring';
import { describe, expect, it } from 'vitest';
import { parseFormFields } from './form-fields.ts';

describe('parseFormFields', () => {
  it('reads a form the way Fastify reads it', () => {
    const inputs = [
      '', '=', '&&', 'a', 'a=', '=b', 'a=1&b=2', 'a=1&a=2&a=3', 'a+b=c+d', 'a=b=c', 'a=%zz', 'a=%E2%9C%93+%26+caf%C3%A9',
      'text=While+China+celebrates%2C+%23GenocideGames+https%3A%2F%2Fexample.org%2Fa&network=x&variant=2',
      'k%20ey=v&k+ey=w', 'a=%ED%A0%80', 'a=%', 'a&b&a', '&a=1&', 'x=1&&y=2', '__proto__=1&constructor=2',
    ];
    for (const input of inputs) expect({ ...parseFormFields(input) }, input).toEqual({ ...parse(input) });
  });
});
