// Posts per minute as bars in inline SVG (no chart library), with the same numbers as a table for
// anyone who cannot see the bars.
import { html } from '../lib/html.ts';
import { dir, formatNumber, lang, t } from '../lib/i18n.ts';

export interface MinuteCount { minute: string; count: number }

const W = 600;
const H = 160;
const MINUTES = 60;

/** The last hour, minute by minute, up to the latest minute with posts or now (whichever is later). */
function lastHour(points: MinuteCount[], now: number): MinuteCount[] {
  const counts = new Map(points.map((p) => [p.minute.slice(0, 16), p.count]));
  const latest = Math.max(now, ...points.map((p) => Date.parse(`${p.minute.slice(0, 16)}:00Z`)));
  const end = Math.floor(latest / 60_000) * 60_000;
  return Array.from({ length: MINUTES }, (_, i) => {
    const minute = new Date(end - (MINUTES - 1 - i) * 60_000).toISOString().slice(0, 16);
    return { minute, count: counts.get(minute) ?? 0 };
  });
}

export function MinuteChart({ points, now }: { points: MinuteCount[]; now: number }) {
  const series = lastHour(points, now);
  const max = Math.max(1, ...series.map((p) => p.count));
  const bar = W / MINUTES;
  const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
  const label = (m: string) => time.format(new Date(`${m}:00Z`));
  const withPosts = series.filter((p) => p.count > 0);
  // time runs the way the page reads: from the right in a right-to-left language
  const rtl = dir === 'rtl';
  const xOf = (i: number) => (rtl ? W - (i + 1) * bar : i * bar);
  // the first minute at the start of the line (the right, in right-to-left), the latest at its end
  return html`<figure class="chart">
    <svg viewBox=${`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-title" preserveAspectRatio="none" class="bars">
      <title id="chart-title">${t('live.chartTitle', { max: formatNumber(max) })}</title>
      <line x1="0" y1=${H - 0.5} x2=${W} y2=${H - 0.5} class="axis" />
      ${series.map((p, i) => p.count ? html`<rect x=${xOf(i) + 1} width=${bar - 2} y=${H - (p.count / max) * H} height=${(p.count / max) * H} class="bar" />` : null)}
    </svg>
    <div class="ticks" aria-hidden="true"><span>${label(series[0]!.minute)}</span><span>${label(series[MINUTES - 1]!.minute)}</span></div>
    <figcaption>${t('live.chartCaption', { max: formatNumber(max) })}</figcaption>
    <details>
      <summary>${t('live.chartTable')}</summary>
      ${withPosts.length ? html`<table><thead><tr><th scope="col">${t('live.minute')}</th><th scope="col" class="num">${t('live.posts')}</th></tr></thead>
        <tbody>${withPosts.map((p) => html`<tr><td>${label(p.minute)}</td><td class="num">${formatNumber(p.count)}</td></tr>`)}</tbody></table>`
        : html`<p class="muted">${t('live.noPosts')}</p>`}
    </details>
  </figure>`;
}
