// A storm's dashboard on the day: posts started (the total, per minute, per network, per post, per official
// addressed), and the funnel from the email to the post, pushed by the server as it happens.
import { ErrorNote, Loading } from '../components/notice.ts';
import { MinuteChart } from '../components/minute-chart.ts';
import { Screen } from '../components/screen.ts';
import { html } from '../lib/html.ts';
import { formatDateTime, formatNumber, formatPercent, t } from '../lib/i18n.ts';
import { useLiveStats, type LiveSnapshot } from '../lib/live-stats.ts';
import { canEdit } from '../lib/session.ts';
import type { Storm } from '../lib/types.ts';
import { useApi } from '../lib/use-api.ts';

function Funnel({ funnel }: { funnel: LiveSnapshot['funnel'] }) {
  const steps: [string, number | null][] = [
    ['live.funnel.sent', funnel.sent], ['live.funnel.clicked', funnel.clicked],
    ['live.funnel.views', funnel.page_views], ['live.funnel.posts', funnel.posts_started],
  ];
  const shown = steps.filter(([, n]) => n !== null) as [string, number][];
  const first = shown[0]?.[1] ?? 0;
  return html`<ol class="funnel">${shown.map(([key, n]) => html`<li>
    <span class="label">${t(key)}</span> <strong>${formatNumber(n)}</strong>
    ${first ? html` <span class="muted">(${formatPercent(n, first)})</span>` : null}
    <meter min="0" max=${Math.max(first, 1)} value=${n} aria-hidden="true"></meter>
  </li>`)}</ol>`;
}

function Dashboard({ storm }: { storm: Storm }) {
  const { snapshot, live } = useLiveStats(storm.id);
  if (!snapshot) return html`<${Loading} />`;
  const networks = Object.entries(snapshot.per_network).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  return html`
    <p class="big-number" role="status" aria-live="polite">
      <strong data-testid="posts-total">${formatNumber(snapshot.posts_started_total)}</strong> ${t('live.postsStarted', { count: snapshot.posts_started_total })}
    </p>
    <p class="muted">${live ? t('live.streaming') : t('live.polling')} · ${t('live.updated', { when: formatDateTime(snapshot.at) })}</p>
    <div class="grid">
      <section class="card wide" aria-labelledby="per-minute"><h2 id="per-minute">${t('live.perMinute')}</h2>
        <${MinuteChart} points=${snapshot.per_minute} now=${Date.parse(snapshot.at)} /></section>
      <section class="card" aria-labelledby="per-network"><h2 id="per-network">${t('live.perNetwork')}</h2>
        ${networks.length ? html`<table><tbody>${networks.map(([network, n]) => html`<tr><th scope="row">${t(`network.${network}`)}</th>
          <td class="num">${formatNumber(n)}</td></tr>`)}</tbody></table>` : html`<p class="muted">${t('live.noPosts')}</p>`}</section>
      <section class="card" aria-labelledby="funnel"><h2 id="funnel">${t('live.funnel')}</h2><${Funnel} funnel=${snapshot.funnel} /></section>
      <section class="card wide" aria-labelledby="per-variant"><h2 id="per-variant">${t('live.perVariant')}</h2>
        <table><thead><tr><th scope="col">${t('live.variant')}</th><th scope="col" class="num">${t('live.posts')}</th></tr></thead>
        <tbody>${snapshot.per_variant.map((v, i) => html`<tr><td><bdi lang=${storm.language} dir="auto">${v.label ?? v.text ?? `#${v.position ?? i + 1}`}</bdi></td>
          <td class="num">${formatNumber(v.posts ?? v.count ?? 0)}</td></tr>`)}</tbody></table></section>
      ${snapshot.per_target?.length ? html`<section class="card wide" aria-labelledby="per-target" data-testid="per-target"><h2 id="per-target">${t('live.perTarget')}</h2>
        <table><thead><tr><th scope="col">${t('live.target')}</th><th scope="col" class="num">${t('live.posts')}</th></tr></thead>
        <tbody>${snapshot.per_target.map((o) => html`<tr><th scope="row"><bdi dir="auto">${o.name}</bdi></th>
          <td class="num">${formatNumber(o.count)}</td></tr>`)}</tbody></table></section>` : null}
    </div>`;
}

export function StormLive({ id }: { id: string }) {
  const { data: storm, error } = useApi<Storm>(`/api/v1/storms/${id}`);
  if (!storm) return html`<${Screen} title=${t('storms.title')}><${ErrorNote} error=${error} />${error ? null : html`<${Loading} />`}</${Screen}>`;
  return html`<${Screen} title=${storm.title} actions=${html`
      ${canEdit() ? html`<a class="button secondary" href=${`/app/storms/${storm.id}/edit`}>${t('storm.edit')}</a>` : null}
      <a class="button secondary" href=${storm.url} target="_blank" rel="noopener">${t('storm.openPage')}</a>`}>
    <p><span class=${`badge storm-${storm.state}`}>${t(`storms.state.${storm.state}`)}</span>
      ${' '}${formatDateTime(storm.starts_at, storm.timezone)} – ${formatDateTime(storm.ends_at, storm.timezone)}</p>
    <${Dashboard} storm=${storm} />
  </${Screen}>`;
}
