// Email: the sender identities messages may come from, where mail goes out (the relay), and a test mail
// through it that shows the relay's own answer.
import { useEffect, useState } from 'preact/hooks';
import { Field } from '../../components/field.ts';
import { ErrorNote, Done } from '../../components/notice.ts';
import { api } from '../../lib/api.ts';
import { html } from '../../lib/html.ts';
import { t } from '../../lib/i18n.ts';
import { currentUser } from '../../lib/session.ts';
import { useApi } from '../../lib/use-api.ts';

interface Senders { default_from: string; smtp: string | null; items: string[] }

function SmtpTest() {
  const [to, setTo] = useState(currentUser().email);
  const [reply, setReply] = useState('');
  const [error, setError] = useState<unknown>();
  const send = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setReply('');
    try {
      setReply((await api<{ response: string }>('POST', '/api/v1/settings/smtp/test', { email: to.trim() })).response);
    } catch (err) {
      setError(err);
    }
  };
  return html`<form class="card" onSubmit=${send} aria-labelledby="smtp-test-title">
    <h2 id="smtp-test-title">${t('email.testTitle')}</h2>
    <div class="row">
      <${Field} label=${t('email.testTo')} name="smtp-test-to" type="email" value=${to} onValue=${setTo} required />
      <div class="actions"><button type="submit">${t('email.testButton')}</button></div>
    </div>
    <${ErrorNote} error=${error} />
    <${Done}>${reply ? html`${t('send.relaySaid')} <code dir="ltr">${reply}</code>` : null}</${Done}>
  </form>`;
}

export function EmailSettings() {
  const loaded = useApi<Senders>('/api/v1/settings/senders');
  const [items, setItems] = useState('');
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState('');
  useEffect(() => { if (loaded.data) setItems(loaded.data.items.join('\n')); }, [loaded.data]);
  const save = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setDone('');
    try {
      await api('PUT', '/api/v1/settings/senders', { items: items.split('\n').map((s) => s.trim()).filter(Boolean) });
      setDone(t('settings.saved'));
      void loaded.reload();
    } catch (err) {
      setError(err);
    }
  };
  return html`
    <section class="card" aria-labelledby="relay-title">
      <h2 id="relay-title">${t('email.relay')}</h2>
      <p>${loaded.data ? (loaded.data.smtp ? html`<code dir="ltr">${loaded.data.smtp}</code>` : t('email.noRelay')) : ''}</p>
      <p>${t('email.defaultFrom')} <code dir="ltr">${loaded.data?.default_from ?? ''}</code></p>
    </section>
    <form class="card" onSubmit=${save} aria-labelledby="senders-title">
      <h2 id="senders-title">${t('email.senders')}</h2>
      <${Field} label=${t('email.sendersField')} name="senders" value=${items} onValue=${setItems} multiline rows=${4} dir="ltr" hint=${t('email.sendersHint')} />
      <${ErrorNote} error=${error ?? loaded.error} />
      <${Done}>${done}</${Done}>
      <div class="actions"><button type="submit">${t('settings.save')}</button></div>
    </form>
    <${SmtpTest} />`;
}
