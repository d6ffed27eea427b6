// A message in other languages: per language its subject and body (Markdown and merge tags, as the
// message's own). Each recipient whose language matches gets that version.
import { Field } from './field.ts';
import { LanguageAdder } from './language-adder.ts';
import { html } from '../lib/html.ts';
import { t } from '../lib/i18n.ts';
import { languageLabel } from '../lib/language-tags.ts';
import type { MessageTranslation } from '../lib/types.ts';

interface Props {
  versions: MessageTranslation[];
  onVersions(versions: MessageTranslation[]): void;
  /** The message's own language, which no version may take. */
  language: string;
  errorFor(name: string): string | undefined;
  errorAt(name: string): string | undefined;
}

export function MessageVersions({ versions, onVersions, language, errorFor, errorAt }: Props) {
  const change = (i: number, next: MessageTranslation) => onVersions(versions.map((v, j) => (j === i ? next : v)));
  return html`<fieldset class="versions">
    <legend>${t('versions.heading')}</legend>
    <p class="hint">${t('versions.messageHint')}</p>
    ${versions.map((v, i) => {
      const at = `translations.${i}`;
      const label = languageLabel(v.language);
      return html`<fieldset class="version" data-language=${v.language} key=${v.language}>
        <legend>${t('versions.legend', { language: label })}</legend>
        ${[errorAt(`${at}.language`), errorAt(at)].filter(Boolean).map((reason) => html`<p class="error">${reason}</p>`)}
        <${Field} label=${t('compose.subject')} name=${`version-${i}-subject`} value=${v.subject} onValue=${(subject: string) => change(i, { ...v, subject })}
          required dir="auto" lang=${v.language} error=${errorFor(`${at}.subject`)} />
        <${Field} label=${t('compose.body')} name=${`version-${i}-body`} value=${v.body} onValue=${(body: string) => change(i, { ...v, body })}
          multiline rows=${10} required dir="auto" lang=${v.language} hint=${t('compose.bodyHint')} error=${errorFor(`${at}.body`)} />
        <button type="button" class="link danger" onClick=${() => onVersions(versions.filter((_, j) => j !== i))}>${t('versions.remove', { language: label })}</button>
      </fieldset>`;
    })}
    <${LanguageAdder} name="message-version" taken=${[language, ...versions.map((v) => v.language)]}
      onAdd=${(tag: string) => onVersions([...versions, { language: tag, subject: '', body: '' }])} />
  </fieldset>`;
}
