// A labelled form field for the login and set-up pages: its error (if any) tied to it with
// aria-describedby and aria-invalid, so a screen reader says what is wrong where it is wrong.
import { html, raw, type SafeHtml } from '../../lib/html.ts';

export interface Field {
  name: string;
  label: string;
  type: 'text' | 'email' | 'password';
  autocomplete: string;
  value?: string;
  error?: string;
  hint?: string;
  /** For a code: digits on a phone's keyboard. */
  inputmode?: 'numeric';
  maxlength?: number;
  /** Addresses and codes read left to right, also on a right-to-left page. */
  dir?: 'ltr';
}

export function field(f: Field): SafeHtml {
  const id = `f-${f.name}`;
  const described = [f.hint ? `${id}-hint` : '', f.error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<label for="${id}">${f.label}</label>
${f.hint ? html`<p class="hint muted" id="${id}-hint">${f.hint}</p>` : ''}
${f.error ? html`<p class="field-error" id="${id}-error">${f.error}</p>` : ''}
<input type="${f.type}" id="${id}" name="${f.name}" autocomplete="${f.autocomplete}" required${f.value ? html` value="${f.value}"` : ''}${
  f.inputmode ? html` inputmode="${f.inputmode}"` : ''}${f.dir ? html` dir="${f.dir}"` : ''}${f.maxlength ? html` maxlength="${f.maxlength}"` : ''}${
  described ? html` aria-describedby="${described}"` : ''}${f.error ? raw(' aria-invalid="true"') : ''}>
`;
}

export function hidden(name: string, value: string | undefined): SafeHtml {
  return value === undefined ? html`` : html`<input type="hidden" name="${name}" value="${value}">\n`;
}

/** The message at the top of a form: read out when the page loads (role=alert). */
export function notice(text: string | undefined, kind: 'error' | 'info' = 'error'): SafeHtml {
  if (!text) return html``;
  return kind === 'error' ? html`<p class="notice" role="alert">${text}</p>\n` : html`<p class="notice" role="status">${text}</p>\n`;
}
