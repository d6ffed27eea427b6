import { describe, expect, it } from 'vitest';
import { messageShape, shippedLanguages } from '../../i18n/index.ts';
import { appCatalogues } from './app-catalogues.ts';

const english = appCatalogues.get('en')!;

describe('the app\'s catalogues', () => {
  it('exist for every shipped language, and no more', () => {
    expect([...appCatalogues.keys()].sort()).toEqual([...shippedLanguages].sort());
  });

  for (const lang of shippedLanguages) {
    it(`${lang}: has every key English has, no other, each a valid message asking for what the English one does`, () => {
      const catalogue = appCatalogues.get(lang)!;
      expect(Object.keys(english).filter((key) => catalogue[key] === undefined)).toEqual([]);
      expect(Object.keys(catalogue).filter((key) => english[key] === undefined)).toEqual([]);
      for (const [key, source] of Object.entries(catalogue)) {
        const shape = messageShape(source, lang);
        const reference = messageShape(english[key]!, 'en');
        expect([...shape.arguments].sort(), `${lang} ${key}`).toEqual([...reference.arguments].sort());
        expect([...shape.tags].sort(), `${lang} ${key}`).toEqual([...reference.tags].sort());
      }
    });
  }
});

describe('the app\'s code', () => {
  it('asks only for keys the English catalogue has', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('../../../web/', import.meta.url);
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const asked = new Set<string>();
    for (const file of files) {
      const code = readFileSync(new URL(file, dir), 'utf8');
      for (const m of code.matchAll(/\bt(?:Rich)?\('([^']+)'/g)) asked.add(m[1]!);
    }
    expect(asked.size).toBeGreaterThan(100);
    expect([...asked].filter((key) => english[key] === undefined)).toEqual([]);
  });
});
