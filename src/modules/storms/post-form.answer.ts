// The answer to POST /s/:slug/post, a supporter pressing a network's button: the post is counted and they
// are sent on to the network (a 302 that tells the network nothing of where they came from), or back to
// the page when the storm is not on. Made as data, like the page's (action-page.answer.ts).
import type { Deps } from '../../deps.ts';
import type { Answer, PageRequest } from '../../http/answer.ts';
import { errorAnswer } from '../../http/error-handler.ts';
import { readStringFields } from '../../http/string-fields.ts';
import { MASTODON_COOKIE, setCookieLine, supporterCookieOptions, visitorIn } from '../../http/supporter-cookies.ts';
import { isTokenShaped } from '../../lib/tokens.ts';
import { translatorFor } from '../accounts/index.ts';
import { MAX_POST_TEXT } from './post-text.ts';
import { startPost } from './start-post.service.ts';

const POST_FORM = {
  network: { maxLength: 20, required: true },
  text: { maxLength: MAX_POST_TEXT, required: true },
  variant: { maxLength: 20 },
  /** The storm target the page's post addressed: its address is rewritten for the chosen network. */
  target: { maxLength: 20 },
  r: { maxLength: 200 },
  mastodon_instance: { maxLength: 300 },
  /** The language the page showed the storm in. */
  language: { maxLength: 35 },
};

export type PostFormAnswer = (req: PageRequest, slug: string, body: unknown) => Promise<Answer>;

export function postFormAnswer(deps: Deps): PostFormAnswer {
  const cookieOptions = supporterCookieOptions(deps.config);
  return async (req, slug, body) => {
    try {
      const form = readStringFields(body, 'body', POST_FORM);
      const outcome = await startPost(deps, slug, { ...form, network: form.network!, text: form.text! }, visitorIn(req.cookies));
      if (outcome.kind === 'closed') {
        const back = `/s/${encodeURIComponent(slug)}` + (isTokenShaped(form.r) ? `?r=${form.r}` : '');
        return { status: 303, headers: { ...LEAVING_HEADERS, location: back } };
      }
      const headers: Answer['headers'] = { ...LEAVING_HEADERS, location: outcome.url };
      if (outcome.mastodonInstance) headers['set-cookie'] = setCookieLine(MASTODON_COOKIE, outcome.mastodonInstance, cookieOptions);
      return { status: 302, headers };
    } catch (err) {
      return errorAnswer(err, req, deps.log, (lang) => translatorFor(deps, lang));
    }
  };
}

const LEAVING_HEADERS = { 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };
