// Your own second factor: enrol a TOTP app (your password first, then scan or type the secret and confirm
// with a first code) or remove it.
import { useState } from 'preact/hooks';
import { Field } from '../../components/field.ts';
import { ErrorNote, Done } from '../../components/notice.ts';
import { api } from '../../lib/api.ts';
import { html } from '../../lib/html.ts';
import { t } from '../../lib/i18n.ts';
import { currentUser, loadSession } from '../../lib/session.ts';

interface Enrolment { secret: string; uri: string; qr_svg: string }

export function AccountSettings() {
  const user = currentUser();
  const [enabled, setEnabled] = useState(user.totp_enabled);
  const [enrolment, setEnrolment] = useState<Enrolment>();
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState('');
  const run = async (action: () => Promise<void>) => {
    setError(undefined);
    setDone('');
    try { await action(); } catch (err) { setError(err); }
  };
  const start = (e: Event) => {
    e.preventDefault();
    return run(async () => {
      setEnrolment(await api<Enrolment>('POST', '/api/v1/session/totp', { password }));
      setPassword('');
    });
  };
  const confirmCode = (e: Event) => {
    e.preventDefault();
    return run(async () => {
      await api('POST', '/api/v1/session/totp/confirm', { code: code.trim() });
      await loadSession();
      setEnabled(true);
      setEnrolment(undefined);
      setDone(t('totp.enabled'));
    });
  };
  const remove = (e: Event) => {
    e.preventDefault();
    if (!confirm(t('totp.confirmRemove'))) return;
    return run(async () => {
      await api('DELETE', '/api/v1/session/totp', { code: code.trim() });
      setCode('');
      await loadSession();
      setEnabled(false);
      setDone(t('totp.removed'));
    });
  };
  return html`<section class="card" aria-labelledby="totp-title">
    <h2 id="totp-title">${t('totp.title')}</h2>
    <p><bdi>${user.name}</bdi> · <bdi>${user.email}</bdi></p>
    <p>${enabled ? t('totp.on') : t('totp.off')}</p>
    ${!enabled && !enrolment ? html`<form onSubmit=${start}>
      <${Field} label=${t('totp.password')} name="totp-password" type="password" value=${password} onValue=${setPassword}
        autocomplete="current-password" required hint=${t('totp.passwordHint')} />
      <div class="actions"><button type="submit">${t('totp.start')}</button></div>
    </form>` : null}
    ${enrolment ? html`<form onSubmit=${confirmCode}>
      <p>${t('totp.scan')}</p>
      <img class="qr" src=${`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qr_svg)}`} alt=${t('totp.qrAlt')} width="200" height="200" />
      <p>${t('totp.secret')} <code dir="ltr" class="secret">${enrolment.secret}</code></p>
      <p class="hint"><a href=${enrolment.uri}>${t('totp.openApp')}</a></p>
      <${Field} label=${t('totp.code')} name="totp-code" value=${code} onValue=${setCode} inputmode="numeric" autocomplete="one-time-code" required />
      <div class="actions"><button type="submit">${t('totp.confirm')}</button></div>
    </form>` : null}
    ${enabled ? html`<form onSubmit=${remove}>
      <${Field} label=${t('totp.code')} name="totp-off-code" value=${code} onValue=${setCode} inputmode="numeric" autocomplete="one-time-code" required
        hint=${t('totp.removeHint')} />
      <div class="actions"><button type="submit" class="danger">${t('totp.remove')}</button></div>
    </form>` : null}
    <${ErrorNote} error=${error} />
    <${Done}>${done}</${Done}>
  </section>`;
}
