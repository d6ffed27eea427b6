// public/storm.js counts the post as the supporter types; the server counts it with twitter-text. The two
// must agree, or the page would say a post fits that X then cuts (or refuses one that fits). Where they
// still may not: an emoji sequence newer than X's list (the page counts 2, X each part), and a bare domain
// under a generic domain storm.js does not list (example.company). The server's count decides.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { xLength } from './post-length.ts';

/** storm.js run as a browser would, on a page holding only the post box: returns what its counter shows. */
function liveCounter(): (text: string) => number {
  const source = readFileSync(new URL('../../../public/storm.js', import.meta.url), 'utf8');
  let onInput = () => {};
  const shown = { textContent: '', classList: { toggle() {} } };
  const area = {
    value: '',
    getAttribute: (name: string) => ({ 'data-counter': 'post-length', 'data-limit': '280' })[name] ?? null,
    addEventListener: (_type: string, listener: () => void) => { onInput = listener; },
  };
  const document = {
    documentElement: { lang: 'en' },
    querySelectorAll: (selector: string) => (selector.startsWith('textarea') ? [area] : []),
    getElementById: () => ({ querySelector: () => shown }),
  };
  runInNewContext(source, { document });
  return (text) => {
    area.value = text;
    onInput();
    return Number(shown.textContent.replace(/,/g, ''));
  };
}

const count = liveCounter();
const ARTICLE = 'https://example.org/blog/what-is-happening-in-the-uyghur-region';

const POSTS = {
  uyghur: [
    'ئۇيغۇرلار بىلەن بىللە تۇرايلى',
    `ئۇيغۇرلار ئۈچۈن ئاۋاز چىقىرايلى! #ئۇيغۇر #StandWithUyghurs ${ARTICLE}`,
    'بۇ ماقالىنى ئوقۇڭ: example.org، ھەمبەھىرلەڭ؟',
    'بۇexample.org ۋە @rahima غا يوللاڭ',
    'ھەقىقەت\u200cيولى \u200fX\u200e', // ZWNJ, RLM, LRM
    'ﷺ ﻻ', // presentation forms
    `https://example.org/ئۇيغۇر ${ARTICLE}.`,
  ],
  chinese: [
    '我们与维吾尔人站在一起',
    `停止种族灭绝！#维吾尔 #StandWithUyghurs ${ARTICLE}`,
    '中文https://example.org中文，请转发。',
    '请阅读 https://example.org/路径 并分享',
    '「集中营」必须关闭——现在！',
  ],
  turkish: [
    'Uygurlar için sesimizi yükseltelim: Doğu Türkistan’da soykırım sürüyor.',
    `Şimdi paylaş! #DoğuTürkistan ${ARTICLE}`,
  ],
  emoji: [
    'Stand up ✊🏽 👨‍👩‍👧 🇬🇧',
    '© 2030 and ©️ and ® and ™ and ‼️',
    '1️⃣ #️⃣ *️⃣ 🏴󠁧󠁢󠁳󠁣󠁴󠁿 🏳️‍🌈 ❤️ ❤ ☺ 🫠',
    '🇺🇳🇹🇷🇨🇳 👍🏿👍🏻',
  ],
  links: [
    'https://example.org.', '(https://example.org/a)', 'https://example.org/a_(b)', 'https://example.org/a?b=c&d=e!',
    'https://sub.example.co.uk/p', 'HTTPS://EXAMPLE.ORG', 'https://example.org/a,', "https://example.org/a'",
    'https://ex.org/a—b', 'https://ex.org/a–b', 'https://ex.org/a[1]', 'https://example.org?x=1.', 'https://mastodon.social/@rahima',
    'example.org', 'see example.org.', 'example.org/path.', 'example.org:8080/x', 'example.org?x=1', 'www.x.org',
    'foo.co.uk/bar', 'a.uk', 'foo@example.org', '#example.org', 'ftp://example.org', 'node.js', 'file.txt', 'e.g. i.e. U.S.',
    'Mr.Smith', 'v1.2', 'https://x', 'https://exa_mple.org', `${ARTICLE} ${ARTICLE}`,
  ],
};

describe('the live counter on the action page', () => {
  for (const [script, posts] of Object.entries(POSTS)) {
    it(`agrees with the server's count on ${script} posts`, () => {
      for (const post of posts) expect(count(post), post).toBe(xLength(post));
    });
  }

  it('agrees on every two-letter domain, and on each generic domain it knows without http://', () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    for (const a of letters) for (const b of letters) expect(count(`foo.${a}${b}`), `foo.${a}${b}`).toBe(xLength(`foo.${a}${b}`));
    const generic = /var GTLDS = '([^']+)'/.exec(readFileSync(new URL('../../../public/storm.js', import.meta.url), 'utf8'))![1]!.split('|');
    for (const tld of generic) expect(xLength(`foo.${tld}`), tld).toBe(23);
  });

  it('weighs Chinese 2, Uyghur 1 and an emoji 2 per character, and a link 23, as X does', () => {
    expect(count('中文')).toBe(4);
    expect(count('ئۇيغۇر')).toBe(6);
    expect(count('👩🏾')).toBe(2);
    expect(count(ARTICLE)).toBe(23);
  });
});
