// The officials a storm addresses: a name (what networks without mentions say) and their handle on each
// network that has mentions. A message's {target} slot says one of them per supporter.
import { html } from '../lib/html.ts';
import { t } from '../lib/i18n.ts';

export interface Target { name: string; handles: { x?: string; bluesky?: string; mastodon?: string } }

const NETWORKS = [['x', '@iocmedia'], ['bluesky', '@name.bsky.social'], ['mastodon', '@user@mastodon.social']] as const;

export function TargetsEditor({ targets, onTargets, errorFor }: { targets: Target[]; onTargets(targets: Target[]): void; errorFor(i: number): string | undefined }) {
  const change = (i: number, next: Target) => onTargets(targets.map((tg, j) => (j === i ? next : tg)));
  return html`<fieldset class="targets">
    <legend>${t('storm.targets')}</legend>
    <p class="hint">${t('storm.targetsHint')}</p>
    ${targets.map((tg, i) => html`<div class="row target">
      <div class="field"><label for=${`target-${i}-name`}>${t('storm.targetName', { n: i + 1 })}</label>
        <input id=${`target-${i}-name`} value=${tg.name} dir="auto" onInput=${(e: Event) => change(i, { ...tg, name: (e.currentTarget as HTMLInputElement).value })} /></div>
      ${NETWORKS.map(([network, example]) => html`<div class="field"><label for=${`target-${i}-${network}`}>${t(`network.${network}`)}</label>
        <input id=${`target-${i}-${network}`} dir="ltr" placeholder=${example} value=${tg.handles[network] ?? ''}
          onInput=${(e: Event) => change(i, { ...tg, handles: { ...tg.handles, [network]: (e.currentTarget as HTMLInputElement).value } })} /></div>`)}
      <button type="button" class="link" onClick=${() => onTargets(targets.filter((_, j) => j !== i))}>${t('storm.removeTarget', { n: i + 1 })}</button>
      ${errorFor(i) ? html`<p class="error">${errorFor(i)}</p>` : null}
    </div>`)}
    <button type="button" class="secondary" onClick=${() => onTargets([...targets, { name: '', handles: {} }])}>${t('storm.addTarget')}</button>
  </fieldset>`;
}

/** What the API takes: names trimmed, empty handles left out, rows without a name dropped. */
export function targetsForApi(targets: Target[]): Target[] {
  return targets.filter((tg) => tg.name.trim()).map((tg) => ({
    name: tg.name.trim(),
    handles: Object.fromEntries(Object.entries(tg.handles).map(([k, v]) => [k, (v ?? '').trim()]).filter(([, v]) => v)),
  }));
}
