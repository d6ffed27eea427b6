// The two unsubscribe pages. They name the organisation but not the address: a forwarded email's link
// should not show whose it was.
import { renderPage } from '../../http/layout.ts';
import { html } from '../../lib/html.ts';

export function unsubscribePage(orgName: string, action: string): string {
  return renderPage({
    title: 'Unsubscribe',
    body: html`<h1>Stop emails from ${orgName}?</h1>
<p>You will get no more campaign emails from ${orgName} at this address.</p>
<form method="post" action="${action}">
<input type="hidden" name="confirm" value="yes">
<button type="submit">Unsubscribe</button>
</form>`,
  });
}

export function unsubscribedPage(orgName: string): string {
  return renderPage({
    title: 'You are unsubscribed',
    body: html`<h1>You are unsubscribed</h1>
<p>${orgName} will not send campaign emails to this address again.</p>`,
  });
}
