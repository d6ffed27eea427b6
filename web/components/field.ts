// A labelled form control with its hint and error tied to it (aria-describedby), so both are read out.
import type { ComponentChildren } from 'preact';
import { html } from '../lib/html.ts';

let counter = 0;
const nextId = () => `f${++counter}`;

interface FieldProps {
  label: string;
  value: string;
  onValue(value: string): void;
  error?: string | undefined;
  hint?: ComponentChildren;
  type?: string;
  name?: string;
  required?: boolean;
  multiline?: boolean;
  rows?: number;
  dir?: string;
  lang?: string;
  autocomplete?: string;
  inputmode?: string;
  list?: string;
  placeholder?: string;
}

export function Field(props: FieldProps) {
  const id = props.name ? `field-${props.name}` : nextId();
  const described = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id, name: props.name, value: props.value, required: props.required, dir: props.dir, lang: props.lang,
    'aria-describedby': described, 'aria-invalid': props.error ? 'true' : undefined, autocomplete: props.autocomplete,
    placeholder: props.placeholder,
    onInput: (e: Event) => props.onValue((e.currentTarget as HTMLInputElement).value),
  };
  return html`<div class=${`field${props.error ? ' has-error' : ''}`}>
    <label for=${id}>${props.label}</label>
    ${props.hint ? html`<div class="hint" id=${`${id}-hint`}>${props.hint}</div>` : null}
    ${props.multiline
      ? html`<textarea ...${common} rows=${props.rows ?? 6}></textarea>`
      : html`<input ...${common} type=${props.type ?? 'text'} inputmode=${props.inputmode} list=${props.list} />`}
    ${props.error ? html`<p class="error" id=${`${id}-error`}>${props.error}</p>` : null}
  </div>`;
}

export function Select({ label, value, onValue, options, name, hint }: {
  label: string; value: string; onValue(value: string): void; options: readonly (readonly [string, string])[]; name?: string; hint?: string;
}) {
  const id = name ? `field-${name}` : nextId();
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${hint ? html`<div class="hint" id=${`${id}-hint`}>${hint}</div>` : null}
    <select id=${id} name=${name} value=${value} aria-describedby=${hint ? `${id}-hint` : undefined}
      onChange=${(e: Event) => onValue((e.currentTarget as HTMLSelectElement).value)}>
      ${options.map(([v, text]) => html`<option value=${v} selected=${v === value}>${text}</option>`)}
    </select>
  </div>`;
}

export function Checkbox({ label, checked, onChecked, name }: { label: string; checked: boolean; onChecked(checked: boolean): void; name?: string }) {
  return html`<label class="check"><input type="checkbox" name=${name} checked=${checked}
    onChange=${(e: Event) => onChecked((e.currentTarget as HTMLInputElement).checked)} /> ${label}</label>`;
}
