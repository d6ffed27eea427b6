// The organisation as supporters see it: its name, logo and colours on the public pages and in emails.
import { useEffect, useState } from 'preact/hooks';
import { Field } from '../../components/field.ts';
import { ErrorNote, Done, Loading } from '../../components/notice.ts';
import { api, ApiError } from '../../lib/api.ts';
import { html } from '../../lib/html.ts';
import { t } from '../../lib/i18n.ts';
import { useApi } from '../../lib/use-api.ts';

interface Organisation { name: string; logo_url: string | null; primary_color: string; accent_color: string }

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
      setOrg(await api<Organisation>('PUT', '/api/v1/settings/organisation', { ...org, logo_url: org.logo_url?.trim() || null }));
      setDone(t('settings.saved'));
    } catch (err) {
      setError(err);
    }
  };
  const fieldError = (name: string) => (error instanceof ApiError ? error.reasonFor(name) : undefined);
  return html`<form class="card" onSubmit=${save} novalidate>
    <${Field} label=${t('org.name')} name="org-name" value=${org.name} onValue=${set('name')} required dir="auto" error=${fieldError('name')} />
    <${Field} label=${t('org.logo')} name="org-logo" type="url" value=${org.logo_url ?? ''} onValue=${set('logo_url')} dir="ltr" hint=${t('org.logoHint')} error=${fieldError('logo_url')} />
    <div class="row">
      <${Field} label=${t('org.primary')} name="org-primary" type="color" value=${org.primary_color} onValue=${set('primary_color')} error=${fieldError('primary_color')} />
      <${Field} label=${t('org.accent')} name="org-accent" type="color" value=${org.accent_color} onValue=${set('accent_color')} error=${fieldError('accent_color')} />
    </div>
    <${ErrorNote} error=${error} />
    <${Done}>${done}</${Done}>
    <div class="actions"><button type="submit">${t('settings.save')}</button></div>
  </form>`;
}
