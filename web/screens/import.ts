// Importing supporters from a CSV file: the upload, a live progress bar while the server works through
// the rows, then what came of it, with the rejected rows as a CSV report to fix and import again.
import { useEffect, useState } from 'preact/hooks';
import { Field } from '../components/field.ts';
import { ErrorNote } from '../components/notice.ts';
import { Screen } from '../components/screen.ts';
import { api, query } from '../lib/api.ts';
import { html } from '../lib/html.ts';
import { formatNumber, t } from '../lib/i18n.ts';

interface ImportState {
  status: 'queued' | 'running' | 'done' | 'failed';
  rows_done: number;
  added: number;
  updated: number;
  rejected: number;
  bytes_done: number;
  bytes_total: number;
  error: string | null;
}

const finished = (s: ImportState | undefined) => s?.status === 'done' || s?.status === 'failed';

function Progress({ id }: { id: number }) {
  const [state, setState] = useState<ImportState>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let stop = false;
    const poll = async () => {
      try {
        const s = await api<ImportState>('GET', `/api/v1/imports/${id}`);
        if (stop) return;
        setState(s);
        if (!finished(s)) setTimeout(poll, 400);
      } catch (err) {
        setError(err);
      }
    };
    void poll();
    return () => { stop = true; };
  }, [id]);
  const done = finished(state);
  // the share of the file read: rows vary in length, bytes do not lie
  const total = state?.bytes_total || 1;
  return html`<section class="card" aria-labelledby="import-progress">
    <h2 id="import-progress">${t('import.progress')}</h2>
    <progress max=${total} value=${done ? total : state?.bytes_done ?? 0} aria-labelledby="import-progress"></progress>
    <p role="status" aria-live="polite">${state ? t(done ? 'import.done' : 'import.working', {
      done: state.rows_done, added: state.added, updated: state.updated, rejected: state.rejected,
    }) : t('app.loading')}</p>
    ${state?.status === 'failed' ? html`<p class="error">${t('import.failed')} <bdi>${state.error ?? ''}</bdi></p>` : null}
    ${done && state!.rejected > 0 ? html`<p><a href=${`/api/v1/imports/${id}/rejected.csv`} download=${`rejected-${id}.csv`}>
      ${t('import.rejectedReport', { count: state!.rejected })}</a></p>` : null}
    ${done ? html`<p><a href="/app/supporters">${t('import.toSupporters')}</a></p>` : null}
    <${ErrorNote} error=${error} />
  </section>`;
}

export function Import() {
  const [file, setFile] = useState<File>();
  const [tag, setTag] = useState('');
  const [error, setError] = useState<unknown>();
  const [started, setStarted] = useState<number>();
  const [busy, setBusy] = useState(false);
  const upload = async (e: Event) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const tags = tag.split(',').map((s) => s.trim()).filter(Boolean);
      const { id } = await api<{ id: number }>('POST', `/api/v1/imports${query({ tag: tags })}`, undefined, { raw: file, contentType: 'text/csv' });
      setStarted(id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return html`<${Screen} title=${t('import.title')}>
    <form class="card" onSubmit=${upload}>
      <p>${t('import.explain')}</p>
      <div class="field">
        <label for="import-file">${t('import.file')}</label>
        <input id="import-file" name="file" type="file" accept=".csv,text/csv" required
          onChange=${(e: Event) => setFile((e.currentTarget as HTMLInputElement).files?.[0])} />
      </div>
      <${Field} label=${t('import.tags')} name="import-tags" value=${tag} onValue=${setTag} hint=${t('import.tagsHint')} />
      <div class="actions"><button type="submit" disabled=${!file || busy || started !== undefined}>${t('import.start')}</button></div>
      <${ErrorNote} error=${error} />
    </form>
    ${started ? html`<${Progress} id=${started} />` : null}
    ${file && !started ? html`<p class="muted">${t('import.fileSize', { size: formatNumber(Math.ceil(file.size / 1024)) })}</p>` : null}
  </${Screen}>`;
}
