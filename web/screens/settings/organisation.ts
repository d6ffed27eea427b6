// The organisation as supporters see it: its name, logo and colours on the public pages and in emails.
// The logo is a file uploaded to us (public pages show images from our own server only), its type read
// by the server from its bytes; a colour too light to read on white is refused by the server, by name.
import { useEffect, useState } from 'preact/hooks';
import { Field } from '../../components/field.ts';
import { ErrorNote, Done, Loading } from '../../components/notice.ts';
import { api, ApiError } from '../../lib/api.ts';
import { html } from '../../lib/html.ts';
import { t } from '../../lib/i18n.ts';
import { useApi } from '../../lib/use-api.ts';

interface Organisation { name: string; logo_url: string | null; primary_color: string; accent_color: string }

const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** The logo's address on this origin (the API gives it absolute, for emails). */
const localPath = (url: string) => {
  const u = new URL(url, location.href);
  return `${u.pathname}${u.search}`;
};

function LogoUpload({ org, onChange }: { org: Organisation; onChange(org: Organisation): void }) {
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (request: () => Promise<Organisation>, message: string) => {
    setBusy(true);
    setError(undefined);
    setDone('');
    try {
      onChange(await request());
      setDone(message);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const upload = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    // the server reads the type from the bytes: anything else goes as bytes, to be refused with a reason
    const contentType = LOGO_TYPES.includes(file.type) ? file.type : 'application/octet-stream';
    void run(() => api<Organisation>('PUT', '/api/v1/settings/organisation/logo', undefined, { raw: file, contentType }), t('org.logoUploaded'))
      .then(() => { input.value = ''; });
  };
  const reason = error instanceof ApiError ? error.reasonFor('body') : undefined;
  return html`<section class="card" aria-labelledby="org-logo-title">
    <h2 id="org-logo-title">${t('org.logo')}</h2>
    ${org.logo_url
      ? html`<p><img class="logo-preview" src=${localPath(org.logo_url)} alt=${t('org.logoCurrent', { name: org.name })} /></p>`
      : html`<p class="muted">${t('org.noLogo')}</p>`}
    <div class="field">
      <label for="org-logo-file">${t('org.logoFile')}</label>
      <div class="hint" id="org-logo-hint">${t('org.logoHint')}</div>
      <input id="org-logo-file" name="logo" type="file" accept=${LOGO_TYPES.join(',')} disabled=${busy}
        aria-describedby=${reason ? 'org-logo-hint org-logo-error' : 'org-logo-hint'} aria-invalid=${reason ? 'true' : undefined} onChange=${upload} />
      ${reason ? html`<p class="error" id="org-logo-error">${reason}</p>` : null}
    </div>
    ${org.logo_url ? html`<div class="actions"><button type="button" class="secondary" disabled=${busy}
      onClick=${() => run(() => api<Organisation>('DELETE', '/api/v1/settings/organisation/logo'), t('org.logoRemoved'))}>${t('org.logoRemove')}</button></div>` : null}
    ${reason ? null : html`<${ErrorNote} error=${error} />`}
    <${Done}>${done}</${Done}>
  </section>`;
}

export function OrganisationSettings() {
  const loaded = useApi<Organisation>('/api/v1/settings/organisation');
  const [org, setOrg] = useState<Organisation>();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState('');
  useEffect(() => { if (loaded.data) setOrg(loaded.data); }, [loaded.data]);
  if (!org) return html`<${ErrorNote} error=${loaded.error} />${loaded.error ? null : html`<${Loading} />`}`;
  const set = (key: keyof Organisation) => (value: string) => setOrg({ ...org, [key]: value });
  const save = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setDone('');
    try {
      const { name, primary_color, accent_color } = org;
      setOrg(await api<Organisation>('PUT', '/api/v1/settings/organisation', { name, primary_color, accent_color }));
      setDone(t('settings.saved'));
    } catch (err) {
      setError(err);
    }
  };
  const fieldError = (name: string) => (error instanceof ApiError ? error.reasonFor(name) : undefined);
  return html`<form class="card" onSubmit=${save} novalidate>
    <${Field} label=${t('org.name')} name="org-name" value=${org.name} onValue=${set('name')} required dir="auto" error=${fieldError('name')} />
    <div class="row">
      <${Field} label=${t('org.primary')} name="org-primary" type="color" value=${org.primary_color} onValue=${set('primary_color')}
        hint=${t('org.primaryHint')} error=${fieldError('primary_color')} />
      <${Field} label=${t('org.accent')} name="org-accent" type="color" value=${org.accent_color} onValue=${set('accent_color')}
        hint=${t('org.accentHint')} error=${fieldError('accent_color')} />
    </div>
    <${ErrorNote} error=${error} />
    <${Done}>${done}</${Done}>
    <div class="actions"><button type="submit">${t('settings.save')}</button></div>
  </form>
  <${LogoUpload} org=${org} onChange=${(next: Organisation) => setOrg({ ...org, logo_url: next.logo_url })} />`;
}
