import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvLine, safeCell } from './csv-text.ts';

describe('writing CSV', () => {
  it('quotes what needs quotes and reads back as written', () => {
    const cells = ['plain', 'a, b', 'say "hi"', 'two\nlines', ' padded ', 'ئۇيغۇر', '', '中文'];
    const line = csvLine([...cells, null, 42]);
    expect(line.endsWith('\r\n')).toBe(true);
    expect(parse(line)).toEqual([[...cells, '', '42']]);
  });

  it('turns anything a spreadsheet would run into text', () => {
    for (const formula of ['=HYPERLINK("http://evil.example","x")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(safeCell(formula)).toBe(`'${formula}`);
      expect(parse(csvLine([formula]))).toEqual([[`'${formula}`]]);
    }
    expect(safeCell('a=b')).toBe('a=b');
    expect(safeCell('ok@example.org')).toBe('ok@example.org');
  });
});
