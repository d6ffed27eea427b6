// Sending a draft: one test copy first (the relay's answer shown as it came), then now or at a time in a
// zone. While it sends: pause, resume or cancel.
import { useState } from 'preact/hooks';
import { Field, Select } from './field.ts';
import { ErrorNote, Done } from './notice.ts';
import { api } from '../lib/api.ts';
import { html } from '../lib/html.ts';
import { browserZone, t, timeZones } from '../lib/i18n.ts';
import type { Message } from '../lib/types.ts';

export function TestSend({ messageId }: { messageId: number }) {
  const [email, setEmail] = useState('');
  const [reply, setReply] = useState('');
  const [error, setError] = useState<unknown>();
  const send = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setReply('');
    try {
      setReply((await api<{ response: string }>('POST', `/api/v1/messages/${messageId}/test`, { email: email.trim() })).response);
    } catch (err) {
      setError(err);
    }
  };
  return html`<form class="card" onSubmit=${send} aria-labelledby="test-title">
    <h2 id="test-title">${t('send.testTitle')}</h2>
    <div class="row">
      <${Field} label=${t('send.testTo')} name="test-email" type="email" value=${email} onValue=${setEmail} required autocomplete="email" />
      <div class="actions"><button type="submit" disabled=${!email.trim()}>${t('send.testButton')}</button></div>
    </div>
    <${ErrorNote} error=${error} />
    <${Done}>${reply ? html`${t('send.relaySaid')} <code dir="ltr">${reply}</code>` : null}</${Done}>
  </form>`;
}

export function SendNow({ message, onChange }: { message: Message; onChange(): void }) {
  const [mode, setMode] = useState<'now' | 'later'>('now');
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [zone, setZone] = useState(browserZone());
  const [error, setError] = useState<unknown>();
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    const confirmText = mode === 'now' ? t('send.confirmNow', { count: message.total_targeted }) : t('send.confirmLater');
    if (!confirm(confirmText)) return;
    try {
      await api('POST', `/api/v1/messages/${message.id}/send`, mode === 'now' ? {} : { at: `${date}T${time}`, timezone: zone });
      onChange();
    } catch (err) {
      setError(err);
    }
  };
  return html`<form class="card" onSubmit=${submit} aria-labelledby="send-title">
    <h2 id="send-title">${t('send.title')}</h2>
    <fieldset class="segmented">
      <legend>${t('send.when')}</legend>
      <label><input type="radio" name="send-mode" checked=${mode === 'now'} onChange=${() => setMode('now')} /> ${t('send.now')}</label>
      <label><input type="radio" name="send-mode" checked=${mode === 'later'} onChange=${() => setMode('later')} /> ${t('send.later')}</label>
    </fieldset>
    ${mode === 'later' ? html`<div class="row">
      <${Field} label=${t('send.date')} name="send-date" type="date" value=${date} onValue=${setDate} required />
      <${Field} label=${t('send.time')} name="send-time" type="time" value=${time} onValue=${setTime} required />
      <${Select} label=${t('send.zone')} name="send-zone" value=${zone} onValue=${setZone} options=${timeZones(zone).map((z) => [z, z] as const)} />
    </div>` : null}
    <${ErrorNote} error=${error} />
    <div class="actions"><button type="submit" disabled=${mode === 'later' && (!date || !time)}>
      ${mode === 'now' ? t('send.sendNow') : t('send.schedule')}</button></div>
  </form>`;
}

export function SendControls({ message, onChange }: { message: Message; onChange(): void }) {
  const [error, setError] = useState<unknown>();
  const act = async (verb: 'pause' | 'resume' | 'cancel') => {
    if (verb === 'cancel' && !confirm(t('send.confirmCancel'))) return;
    setError(undefined);
    try {
      await api('POST', `/api/v1/messages/${message.id}/${verb}`);
      onChange();
    } catch (err) {
      setError(err);
    }
  };
  const s = message.status;
  return html`<div class="actions">
    ${s === 'sending' || s === 'scheduled' ? html`<button type="button" class="secondary" onClick=${() => act('pause')}>${t('send.pause')}</button>` : null}
    ${s === 'paused' ? html`<button type="button" onClick=${() => act('resume')}>${t('send.resume')}</button>` : null}
    ${s === 'sending' || s === 'scheduled' || s === 'paused' ? html`<button type="button" class="danger" onClick=${() => act('cancel')}>${t('send.cancel')}</button>` : null}
    <${ErrorNote} error=${error} />
  </div>`;
}
