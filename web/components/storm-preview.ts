// The storm's action page as supporters will see it before, during and after, in a frame (our own page,
// rendered without counting a view). No scripts run in it and its buttons go nowhere.
import { useState } from 'preact/hooks';
import { html } from '../lib/html.ts';
import { t } from '../lib/i18n.ts';

const STATES = ['before', 'during', 'after'] as const;

export function StormPreview({ stormId, version }: { stormId: number; version: string }) {
  const [state, setState] = useState<(typeof STATES)[number]>('during');
  return html`<section class="card" aria-labelledby="storm-preview-title">
    <h2 id="storm-preview-title">${t('storm.preview')}</h2>
    <fieldset class="segmented">
      <legend>${t('storm.previewState')}</legend>
      ${STATES.map((s) => html`<label><input type="radio" name="preview-state" checked=${state === s} onChange=${() => setState(s)} /> ${t(`storms.state.${s}`)}</label>`)}
    </fieldset>
    <div class="frame-box phone">
      <iframe title=${t('storm.previewFrame', { state: t(`storms.state.${state}`) })} sandbox="allow-same-origin" class="page-frame"
        src=${`/api/v1/storms/${stormId}/preview?state=${state}&v=${encodeURIComponent(version)}`}></iframe>
    </div>
  </section>`;
}
