// The action page's "people have posted", kept moving by /s/:slug/live (Server-Sent Events, {posted}). The words
// come from the page (its plural forms, in its language); a screen reader is told at most every ten seconds.
(function () {
  'use strict';
  var el = document.querySelector('[data-live]');
  if (!el || !window.EventSource) return;
  var say = document.querySelector('[data-live-announce]');
  var lang = document.documentElement.lang || undefined;
  var plural = new Intl.PluralRules(lang);
  var numbers = new Intl.NumberFormat(lang);
  var forms = JSON.parse(el.getAttribute('data-forms'));
  var shown = Number(el.getAttribute('data-count'));
  var said = 0;
  var later = 0;

  function announce() {
    later = 0;
    said = Date.now();
    say.textContent = el.textContent;
  }

  function connect() {
    var source = new EventSource(el.getAttribute('data-live'));
    source.onmessage = function (e) {
      var n = JSON.parse(e.data).posted;
      if (typeof n !== 'number' || n === shown) return;
      shown = n;
      el.textContent = (forms[plural.select(n)] || forms.other).replace('{n}', numbers.format(n));
      if (say && !later) later = setTimeout(announce, Math.max(0, said + 10000 - Date.now()));
    };
    // the browser gives up on an error status (a full or restarting server): try again a little later
    source.onerror = function () {
      if (source.readyState === EventSource.CLOSED) setTimeout(connect, 30000 + Math.random() * 30000);
    };
  }
  connect();
})();
