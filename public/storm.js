// The action page's three helpers. The page works without them; they make no network requests.
// 1. the start time, rewritten into the visitor's own time zone
// 2. a countdown to the start
// 3. a live length counter on the post, counting roughly as X does (the server's count is the real one)
(function () {
  'use strict';
  var lang = document.documentElement.lang || undefined;

  document.querySelectorAll('time[data-local-time]').forEach(function (el) {
    var when = new Date(el.getAttribute('datetime'));
    if (isNaN(when.getTime())) return;
    try {
      el.textContent = new Intl.DateTimeFormat(lang, {
        weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short',
      }).format(when);
    } catch (e) { /* an unknown language tag: keep the server's text */ }
  });

  document.querySelectorAll('[data-countdown]').forEach(function (el) {
    var start = Date.parse(el.getAttribute('data-countdown'));
    if (isNaN(start)) return;
    var timer;
    function two(n) { return (n < 10 ? '0' : '') + n; }
    function tick() {
      var left = Math.ceil((start - Date.now()) / 1000);
      if (left <= 0) {
        el.textContent = el.getAttribute('data-done');
        clearInterval(timer);
        return;
      }
      var days = Math.floor(left / 86400);
      var clock = two(Math.floor(left / 3600) % 24) + ':' + two(Math.floor(left / 60) % 60) + ':' + two(left % 60);
      el.textContent = el.getAttribute('data-label') + ' ' + (days > 0 ? days + 'd ' : '') + clock;
    }
    el.hidden = false;
    timer = setInterval(tick, 1000);
    tick();
  });

  // X: a link counts 23; most scripts up to U+10FF (Latin, Arabic, Cyrillic…) count 1; CJK, emoji and the rest 2
  var URL_PATTERN = /\bhttps?:\/\/[^\s]+/gi;
  var segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
  var pictographic = /\p{Extended_Pictographic}/u;

  function weight(codePoint) {
    return codePoint <= 0x10ff || (codePoint >= 0x2000 && codePoint <= 0x200d) || (codePoint >= 0x2010 && codePoint <= 0x201f) ||
      (codePoint >= 0x2032 && codePoint <= 0x2037) ? 1 : 2;
  }

  function xLength(text) {
    var length = 0;
    var rest = text.normalize('NFC').replace(URL_PATTERN, function () { length += 23; return ''; });
    var pieces = segmenter ? Array.from(segmenter.segment(rest), function (s) { return s.segment; }) : Array.from(rest);
    pieces.forEach(function (piece) {
      if (pictographic.test(piece)) { length += 2; return; }
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
      shown.textContent = String(n);
      shown.classList.toggle('over', n > limit);
    }
    area.addEventListener('input', update);
    update();
  });
})();
