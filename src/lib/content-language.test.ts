import { describe, expect, it } from 'vitest';
import { matchLanguage } from './content-language.ts';

describe('matching a person to a language the content exists in', () => {
  const available = ['en', 'ug', 'tr', 'zh-Hans'];

  it('takes the same tag, or the same language in the same script', () => {
    expect(matchLanguage(available, 'tr')).toBe('tr');
    expect(matchLanguage(available, 'tr-TR')).toBe('tr');
    expect(matchLanguage(available, 'zh-CN')).toBe('zh-Hans');
    expect(matchLanguage(available, 'ug-Arab-CN')).toBe('ug');
    expect(matchLanguage(available, 'EN-gb')).toBe('en');
  });

  it('finds nothing for another script or another language, or no language', () => {
    expect(matchLanguage(available, 'zh-TW')).toBeUndefined();
    expect(matchLanguage(available, 'ar')).toBeUndefined();
    expect(matchLanguage(available, null)).toBeUndefined();
    expect(matchLanguage(available, 'not a tag!')).toBeUndefined();
  });
});
