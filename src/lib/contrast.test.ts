import { describe, expect, it } from 'vitest';
import { contrastRatio, MIN_TEXT_CONTRAST, readableOn } from './contrast.ts';

describe('colour contrast', () => {
  it('measures as WCAG does: black on white is 21:1, a colour on itself 1:1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#0b5cad', '#0b5cad')).toBe(1);
    // WebAIM's checker: #767676 on white is 4.54:1, the lightest grey that passes AA
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('keeps a readable colour and darkens a pale one just enough', () => {
    expect(readableOn('#0b5cad')).toBe('#0b5cad');
    const amber = readableOn('#e8a400');
    expect(amber).not.toBe('#e8a400');
    expect(contrastRatio(amber, '#fbfaf8')).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
    expect(contrastRatio(amber, '#fbfaf8')).toBeLessThan(MIN_TEXT_CONTRAST + 0.3);
    expect(readableOn('#ffffff')).toMatch(/^#[0-9a-f]{6}$/);
    expect(contrastRatio(readableOn('#ffffff'), '#fbfaf8')).toBeGreaterThanOrEqual(MIN_TEXT_CONTRAST);
  });
});
