// The organisation's colours as CSS custom properties, read by public.css after its own defaults: a
// stylesheet from our origin, as the public pages allow no inline style.
import type { Brand } from './brand.ts';

export function brandColoursCss(brand: Pick<Brand, 'shown'>): string {
  return `:root { --primary: ${brand.shown.primary}; --accent: ${brand.shown.accent}; }\n`;
}
