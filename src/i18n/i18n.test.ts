import { describe, expect, it } from 'vitest';
import { html } from '../lib/html.ts';
import {
  acceptedLanguages, catalogueOf, createTranslator, messageShape, pickLanguage, referenceCatalogue, shippedLanguages,
  supportedLanguage, type MessageKey,
} from './index.ts';

const keys = Object.keys(referenceCatalogue) as MessageKey[];

describe('the catalogues', () => {
  it('ship English, Turkish, Uyghur and Simplified Chinese', () => {
    expect(shippedLanguages).toEqual(['en', 'tr', 'ug', 'zh-Hans']);
  });

  for (const lang of shippedLanguages) {
    it(`${lang}: has every string, each a valid message asking for what the English one does`, () => {
      const catalogue = catalogueOf(lang);
      expect(keys.filter((key) => catalogue[key] === undefined)).toEqual([]);
      for (const key of keys) {
        const shape = messageShape(catalogue[key]!, lang);
        const english = messageShape(referenceCatalogue[key], 'en');
        expect([...shape.arguments].sort(), `${lang} ${key}`).toEqual([...english.arguments].sort());
        expect([...shape.tags].sort(), `${lang} ${key}`).toEqual([...english.tags].sort());
      }
    });
  }

  it('names each language in itself', () => {
    expect(shippedLanguages.map((lang) => createTranslator(lang).text('language.name'))).toEqual(['English', 'Türkçe', 'ئۇيغۇرچە', '简体中文']);
  });
});

describe('a translator', () => {
  it('writes plurals and numbers the way each language does', () => {
    const posted = (lang: string, count: number) => createTranslator(lang).text('storm.after.posted', { count });
    expect(posted('en', 1)).toBe('1 person has posted.');
    expect(posted('en', 1234)).toBe('1,234 people have posted.');
    expect(posted('tr', 1234)).toBe('1.234 kişi paylaştı.');
    expect(posted('ug', 1)).toBe('1 كىشى يوللىدى.');
    expect(posted('zh-Hans', 1234)).toBe('已有 1,234 人发帖。');
  });

  it('knows which way each language is written', () => {
    expect(shippedLanguages.map((lang) => createTranslator(lang).dir)).toEqual(['ltr', 'ltr', 'rtl', 'ltr']);
  });

  it('escapes its words and values in HTML, and lets through only the markup it is given', () => {
    const t = createTranslator('en', { 'storm.after.title': 'Thanks & "you" >', 'storm.during.noSocial': 'Off <b>social</b>? <a>Read & share</a>' });
    expect(t.html('storm.after.title').value).toBe('Thanks &amp; &quot;you&quot; &gt;');
    expect(t.html('storm.after.over', { title: '<i>x</i>' }).value).toContain('“&lt;i&gt;x&lt;/i&gt;”');
    expect(t.html('storm.after.over', { title: html`<bdi>${'a & b'}</bdi>` }).value).toContain('“<bdi>a &amp; b</bdi>”');
    // an override with a tag nobody renders falls back to the catalogue's words rather than failing
    expect(t.html('storm.during.noSocial', { a: (chunks) => html`<a href="/x">${chunks}</a>` }).value)
      .toBe('Not on social media? <a href="/x">Read and share this article</a>.');
  });

  it('puts an organisation\'s own words first, falls back to English for a missing key, and to English for an unknown language', () => {
    expect(createTranslator('tr', { 'storm.after.title': 'Sağ olun!' }).text('storm.after.title')).toBe('Sağ olun!');
    expect(createTranslator('de').lang).toBe('en');
    expect(createTranslator('zh-CN').text('storm.after.title')).toBe('谢谢');
  });

  it('gives a browser script the plural forms of a message, with {n} for the number', () => {
    expect(createTranslator('en').pluralForms('storm.before.countdownDays', 'days')).toEqual({ one: '{n} day', other: '{n} days' });
    expect(createTranslator('zh-Hans').pluralForms('storm.before.countdownDays', 'days')).toEqual({ other: '{n} 天' });
  });
});

describe('choosing a language', () => {
  it('serves a tag with the same language in the same script', () => {
    expect(['en-GB', 'zh-CN', 'zh', 'zh-Hans-SG', 'ug-Arab-CN', 'tr-TR', 'TR', 'zh-TW', 'ug-Cyrl', 'de', '', 'not a tag'].map(supportedLanguage))
      .toEqual(['en', 'zh-Hans', 'zh-Hans', 'zh-Hans', 'ug', 'tr', 'tr', undefined, undefined, undefined, undefined, undefined]);
  });

  it('reads Accept-Language by preference and takes the first language it has', () => {
    expect(acceptedLanguages('de-CH, fr;q=0.9, ug;q=0.95, *;q=0.5, en;q=0')).toEqual(['de-CH', 'ug', 'fr']);
    expect(pickLanguage([undefined, 'fr', ...acceptedLanguages('de, zh-CN;q=0.8')])).toBe('zh-Hans');
    expect(pickLanguage(['fr'])).toBe('en');
  });
});
