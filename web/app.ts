// Which screen the address names. Each screen is a file of its own under screens/.
import { html } from './lib/html.ts';
import { match, useLocation } from './lib/router.ts';
import { Layout } from './components/layout.ts';
import { Home } from './screens/home.ts';
import { Supporters } from './screens/supporters.ts';
import { Person } from './screens/person.ts';
import { Import } from './screens/import.ts';
import { Messages } from './screens/messages.ts';
import { MessageCompose } from './screens/message-compose.ts';
import { MessageView } from './screens/message-view.ts';
import { Storms } from './screens/storms.ts';
import { StormEdit } from './screens/storm-edit.ts';
import { StormLive } from './screens/storm-live.ts';
import { Settings } from './screens/settings.ts';
import { NotFound } from './screens/not-found.ts';

// each screen takes the parameters its pattern names
type Screen = (props: never) => unknown;

const ROUTES: [string, Screen][] = [
  ['/app', Home],
  ['/app/supporters', Supporters],
  ['/app/supporters/import', Import],
  ['/app/supporters/:id', Person],
  ['/app/messages', Messages],
  ['/app/messages/new', MessageCompose],
  ['/app/messages/:id', MessageView],
  ['/app/storms', Storms],
  ['/app/storms/new', StormEdit],
  ['/app/storms/:id/edit', StormEdit],
  ['/app/storms/:id', StormLive],
  ['/app/settings', Settings],
  ['/app/settings/:section', Settings],
];

export function App() {
  const { path } = useLocation();
  let screen = html`<${NotFound} />`;
  for (const [pattern, Component] of ROUTES) {
    const params = match(pattern, path);
    if (params) {
      // a new key per address: a screen opened again starts afresh
      screen = html`<${Component} key=${path} ...${params} />`;
      break;
    }
  }
  return html`<${Layout} path=${path}>${screen}</${Layout}>`;
}
