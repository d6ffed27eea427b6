// Colour contrast as WCAG 2 measures it: an organisation's colour is shown as link text on the page's
// light background and as a button with white text on it, and either must stay readable (AA: 4.5:1).

/** AA for normal-sized text. */
export const MIN_TEXT_CONTRAST = 4.5;

/** The lightest background the public pages and emails put text in the organisation's colour on. */
export const PAGE_BACKGROUND = '#fbfaf8';

const HEX = /^#([0-9a-f]{6})$/i;

export function isHexColour(value: string): boolean {
  return HEX.test(value);
}

/** The contrast ratio of two #rrggbb colours, from 1 (none) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `colour` itself when text in it is readable on `background`, else the nearest darker shade that is. */
export function readableOn(colour: string, background: string = PAGE_BACKGROUND): string {
  const rgb = channels(colour);
  // darkening towards black only ever raises the contrast with a light background, so the first shade that
  // passes is the closest one; black always passes
  for (let step = 0; step <= 100; step++) {
    const shade = hex(rgb.map((c) => Math.round(c * (1 - step / 100))));
    if (contrastRatio(shade, background) >= MIN_TEXT_CONTRAST) return shade;
  }
  return '#000000';
}

function channels(colour: string): [number, number, number] {
  const m = HEX.exec(colour);
  if (!m) throw new Error(`not a #rrggbb colour: ${colour}`);
  const n = Number.parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hex(rgb: number[]): string {
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** WCAG's relative luminance. */
function luminance(colour: string): number {
  const [r, g, b] = channels(colour).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
