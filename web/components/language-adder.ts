// Choosing the language of a new version: the common languages not yet taken, or any BCP 47 tag typed in
// (the server checks that it is one, and says so next to the version).
import { useState } from 'preact/hooks';
import { Field, Select } from './field.ts';
import { html } from '../lib/html.ts';
import { t } from '../lib/i18n.ts';
import { COMMON_LANGUAGES, languageLabel } from '../lib/language-tags.ts';

const OTHER = 'other';

export function LanguageAdder({ taken, onAdd, name }: { taken: readonly string[]; onAdd(tag: string): void; name: string }) {
  const free = COMMON_LANGUAGES.filter((tag) => !taken.some((x) => x.toLowerCase() === tag.toLowerCase()));
  const [choice, setChoice] = useState('');
  const [other, setOther] = useState('');
  const chosen = choice && (choice === OTHER || free.includes(choice as never)) ? choice : free[0] ?? OTHER;
  const tag = chosen === OTHER ? other.trim() : chosen;
  const add = () => {
    if (!tag) return;
    onAdd(tag);
    setChoice('');
    setOther('');
  };
  return html`<div class="row language-adder">
    <${Select} label=${t('versions.language')} name=${`${name}-language`} value=${chosen} onValue=${setChoice}
      options=${[...free.map((l) => [l, languageLabel(l)] as const), [OTHER, t('versions.other')] as const]} />
    ${chosen === OTHER ? html`<${Field} label=${t('versions.otherTag')} name=${`${name}-other`} value=${other} onValue=${setOther} dir="ltr" hint=${t('versions.otherTagHint')} />` : null}
    <div class="actions field"><button type="button" class="secondary" onClick=${add} disabled=${!tag}>${t('versions.add')}</button></div>
  </div>`;
}
