// The action page's three helpers. The page works without them; they make no network requests, and every
// word they show comes from the page itself (written by the server in the page's language).
// 1. the start time in the visitor's own time zone, with the storm's (the server's words) after it where they differ
// 2. a countdown to the start
// 3. a live length counter on the post, counting as X does (the server's count, with twitter-text, is the real one)
(function () {
  'use strict';
  var lang = document.documentElement.lang || undefined;
  var numbers = new Intl.NumberFormat(lang);

  // a browser without this language's date names would write the date in another language: keep the server's
  if (lang && Intl.DateTimeFormat.supportedLocalesOf([lang]).length) {
    document.querySelectorAll('time[data-local-time]').forEach(function (el) {
      var when = new Date(el.getAttribute('datetime'));
      if (isNaN(when.getTime())) return;
      var local = new Intl.DateTimeFormat(lang, {
        weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short',
      }).format(when);
      var storms = el.textContent.trim();
      el.textContent = local === storms ? local : local + ' (' + storms + ')';
    });
  }

  // data-label: "Starts in {time}"; data-days: the plural forms of "{n} days" by Intl.PluralRules category
  document.querySelectorAll('[data-countdown]').forEach(function (el) {
    var start = Date.parse(el.getAttribute('data-countdown'));
    if (isNaN(start)) return;
    var days = {};
    try { days = JSON.parse(el.getAttribute('data-days')) || {}; } catch (e) { /* no days then */ }
    var plural = new Intl.PluralRules(lang);
    var two = new Intl.NumberFormat(lang, { minimumIntegerDigits: 2, useGrouping: false });
    var timer;
    function tick() {
      var left = Math.ceil((start - Date.now()) / 1000);
      if (left <= 0) {
        el.textContent = el.getAttribute('data-done');
        clearInterval(timer);
        return;
      }
      var d = Math.floor(left / 86400);
      var dayText = d > 0 ? (days[plural.select(d)] || days.other || '{n}').replace('{n}', numbers.format(d)) + ' ' : '';
      var clock = two.format(Math.floor(left / 3600) % 24) + ':' + two.format(Math.floor(left / 60) % 60) + ':' + two.format(left % 60);
      el.textContent = el.getAttribute('data-label').replace('{time}', dayText + clock);
    }
    el.hidden = false;
    timer = setInterval(tick, 1000);
    tick();
  });

  // X (twitter-text): a link counts 23 whatever its length; code points up to U+10FF (Latin, Arabic, Cyrillic…)
  // and a few punctuation ranges count 1; the rest (CJK, emoji…) 2; an emoji, however many code points, 2.
  // Links as twitter-text finds them: with http(s):// (path and query, trailing punctuation left out), or a bare
  // domain under a country domain (X's list, below) or a common generic one.
  var CCTLDS = 'acadaeafagaialamanaoaqarasatauawaxazbabbbdbebfbgbhbibjblbmbnbobqbrbsbtbvbwbybzcacccdcfcgchcickclcmcncocrcucvcwcxcyczdedjdkdmdodzeceeegehereseteufifjfkfmfofrgagbgdgegfggghgiglgmgngpgqgrgsgtgugwgyhkhmhnhrhthuidieiliminioiqirisitjejmjojpkekgkhkikmknkpkrkwkykzlalblclilklrlsltlulvlymamcmdmemfmgmhmkmlmmmnmompmqmrmsmtmumvmwmxmymznancnenfngninlnonpnrnunzompapepfpgphpkplpmpnprpsptpwpyqarerorsrurwsasbscsdsesgshsisjskslsmsnsosrssstsusvsxsysztctdtftgthtjtktltmtntotptrtttvtwtzuaugukumusuyuzvavcvevgvivnvuwfwsyeytzazmzw';
  var GTLDS = 'com|org|net|edu|gov|mil|int|info|biz|name|pro|news|media|app|dev|blog|online|site|xyz|social|page|live|world|press|today|link|club|cloud|email|network|group|global|space|website|one|top|wiki|zone|team|ngo|ong|foundation|charity|community|help|support|earth|asia|art|tech|store|shop';
  var LETTERS = 'a-z0-9\\u00c0-\\u024f\\u0400-\\u04ff\\u1e00-\\u1eff';
  var DOMAIN = '(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+';
  var PATH = '[' + LETTERS + "!*';:=+,.$/%#\\[\\]\\-\\u2013_~|&@()]*";
  var PATH_AND_QUERY = '[' + LETTERS + "!*';:=+,.$/%#\\[\\]\\-\\u2013_~|&@()?]*";
  var LINK = new RegExp(
    'https?://' + DOMAIN + '[a-z]{2,}(?::\\d+)?(?:[/?]' + PATH_AND_QUERY + ')?' +
    '|(?<![a-z0-9@\\uff20$#\\uff03._/-])' + DOMAIN + '(?:' + GTLDS + '|' + CCTLDS.match(/../g).join('|') + ')(?![a-z0-9@-])(?::\\d+)?(?:/' + PATH + ')?',
    'gi');
  var LINK_END = new RegExp('[' + LETTERS + '=_#/+\\-]$', 'i');
  var segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
  var EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

  function weight(codePoint) {
    return codePoint <= 0x10ff || (codePoint >= 0x2000 && codePoint <= 0x200d) || (codePoint >= 0x2010 && codePoint <= 0x201f) ||
      (codePoint >= 0x2032 && codePoint <= 0x2037) ? 1 : 2;
  }

  /** The link without what twitter-text leaves out at its end: punctuation, and a ")" nothing opened. */
  function trimLink(link) {
    for (;;) {
      var last = link.charAt(link.length - 1);
      var unopened = last === ')' && link.split('(').length < link.split(')').length;
      if ((last === ')' && !unopened) || LINK_END.test(link)) return link;
      link = link.slice(0, -1);
    }
  }

  function xLength(text) {
    var length = 0;
    var rest = text.normalize('NFC').replace(LINK, function (link) {
      var kept = trimLink(link);
      length += 23;
      return link.slice(kept.length);
    });
    var pieces = segmenter ? Array.from(segmenter.segment(rest), function (s) { return s.segment; }) : Array.from(rest);
    pieces.forEach(function (piece) {
      // © and ® alone are letters to X; with U+FE0F they are emoji
      if (EMOJI.test(piece) && !/^[\u0000-\u10ff]$/.test(piece)) { length += 2; return; }
      Array.from(piece).forEach(function (ch) { length += weight(ch.codePointAt(0)); });
    });
    return length;
  }

  document.querySelectorAll('textarea[data-counter]').forEach(function (area) {
    var counter = document.getElementById(area.getAttribute('data-counter'));
    var shown = counter && counter.querySelector('[data-length]');
    if (!shown) return;
    var limit = Number(area.getAttribute('data-limit')) || 280;
    function update() {
      var n = xLength(area.value);
      shown.textContent = numbers.format(n);
      shown.classList.toggle('over', n > limit);
    }
    area.addEventListener('input', update);
    update();
  });
})();
