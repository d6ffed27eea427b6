// A message as one supporter would get it, at a desktop's or a phone's width. The HTML goes into a
// sandboxed frame (no scripts, no same origin): an email's markup can do nothing to the app.
import { useState } from 'preact/hooks';
import { Field, Select } from './field.ts';
import { ErrorNote } from './notice.ts';
import { api, query } from '../lib/api.ts';
import { html } from '../lib/html.ts';
import { t } from '../lib/i18n.ts';
import { languageLabel } from '../lib/language-tags.ts';

interface Preview { subject: string; html: string; text: string }

/** `languages`: the message's own first, then those of its versions; with more than one, which to show is asked. */
export function EmailPreview({ messageId, languages }: { messageId: number; languages: string[] }) {
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState(languages[0] ?? '');
  const [width, setWidth] = useState<'desktop' | 'phone'>('desktop');
  const [preview, setPreview] = useState<Preview>();
  const [error, setError] = useState<unknown>();
  const load = async (e?: Event) => {
    e?.preventDefault();
    setError(undefined);
    try {
      setPreview(await api<Preview>('GET', `/api/v1/messages/${messageId}/preview${query({ email: email.trim(), language: languages.length > 1 ? language : undefined })}`));
    } catch (err) {
      setError(err);
    }
  };
  return html`<section class="card" aria-labelledby="preview-title">
    <h2 id="preview-title">${t('preview.title')}</h2>
    <form class="row" onSubmit=${load}>
      <${Field} label=${t('preview.as')} name="preview-email" type="email" value=${email} onValue=${setEmail} hint=${t('preview.asHint')} />
      ${languages.length > 1 ? html`<${Select} label=${t('preview.language')} name="preview-language" value=${language} onValue=${setLanguage}
        options=${languages.map((l) => [l, languageLabel(l)] as const)} />` : null}
      <div class="actions"><button type="submit">${t('preview.show')}</button></div>
    </form>
    <${ErrorNote} error=${error} />
    ${preview ? html`
      <fieldset class="segmented">
        <legend>${t('preview.width')}</legend>
        <label><input type="radio" name="preview-width" checked=${width === 'desktop'} onChange=${() => setWidth('desktop')} /> ${t('preview.desktop')}</label>
        <label><input type="radio" name="preview-width" checked=${width === 'phone'} onChange=${() => setWidth('phone')} /> ${t('preview.phone')}</label>
      </fieldset>
      <p><strong>${t('preview.subject')}</strong> <bdi class="preview-subject">${preview.subject}</bdi></p>
      <div class=${`frame-box ${width}`}>
        <iframe title=${t('preview.frameTitle')} sandbox="" srcdoc=${preview.html} class="email-frame"></iframe>
      </div>` : null}
  </section>`;
}
