// A screen's frame: its title as the page's one h1 (focused when the screen opens, so a screen reader
// says where we are), the document title, and the screen's own actions beside it.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { html } from '../lib/html.ts';
import { t } from '../lib/i18n.ts';

export function Screen({ title, actions, children }: { title: string; actions?: ComponentChildren; children?: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${t('app.title')}`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return html`<section class="screen">
    <header class="screen-head">
      <h1 tabindex="-1" ref=${heading}>${title}</h1>
      ${actions ? html`<div class="actions">${actions}</div>` : null}
    </header>
    ${children}
  </section>`;
}
