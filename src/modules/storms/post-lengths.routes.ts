// POST /api/v1/storms/post-lengths: how long each message would be on X, Bluesky and Mastodon, counted as
// the storm's own check counts (hashtags and link added, each slot at its longest fill there). The
// organiser's editor shows it as they type, so its counter and the save cannot disagree.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.ts';
import { LENGTH_RULES, type LengthRule } from './post-length.ts';
import { readMessage } from './post-slots.ts';
import { composePostText, MAX_POST_TEXT } from './post-text.ts';
import { addressFor, type Target } from './target-handles.ts';

const LengthsInput = Type.Object({
  messages: Type.Array(Type.Object({ text: Type.String({ maxLength: MAX_POST_TEXT }) }), { maxItems: 100 }),
  hashtags: Type.Optional(Type.Array(Type.String({ maxLength: 140 }), { maxItems: 30 })),
  article_url: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
  slug: Type.Optional(Type.String({ maxLength: 100, description: 'The page address, for {link} when there is no article' })),
  targets: Type.Optional(Type.Array(Type.Object({
    name: Type.String({ maxLength: 100 }),
    handles: Type.Optional(Type.Record(Type.String(), Type.String({ maxLength: 300 }))),
  }), { maxItems: 50 })),
});

const NetworkLength = Type.Object({ network: Type.String(), name: Type.String(), length: Type.Integer(), limit: Type.Integer() });
const Lengths = Type.Object({
  items: Type.Array(Type.Object({
    text: Type.String({ description: 'The post as it would go out (slots filled with the first target and hashtag)' }),
    networks: Type.Array(NetworkLength, { description: 'The longest the post can be on each network' }),
  })),
});

interface Parts { hashtags: string[]; articleUrl: string | null; link: string; targets: Target[] }

/** The longest this message gets on the rule's network: the longest target address there, then the longest hashtag with it. */
function longestOn(rule: LengthRule, text: string, parts: Parts): number {
  const message = readMessage(text);
  const slots = 'error' in message ? new Set<string>() : message.slots;
  const targets: (Target | undefined)[] = slots.has('target') && parts.targets.length ? parts.targets : [undefined];
  const hashtags: (string | undefined)[] = slots.has('hashtag') && parts.hashtags.length ? parts.hashtags : [undefined];
  const measure = (target: Target | undefined, hashtag: string | undefined) => rule.measure(composePostText({
    text, hashtags: parts.hashtags, articleUrl: parts.articleUrl, fill: { target: target && addressFor(target, rule.network), hashtag, link: parts.link },
  }));
  const target = targets.reduce((a, b) => ((b ? rule.measure(addressFor(b, rule.network)) : 0) > (a ? rule.measure(addressFor(a, rule.network)) : 0) ? b : a));
  return Math.max(...hashtags.map((h) => measure(target, h)));
}

export function registerPostLengthRoutes(root: FastifyInstance, deps: Deps): void {
  const app = root.withTypeProvider<TypeBoxTypeProvider>();
  app.post('/api/v1/storms/post-lengths', {
    // a calculation: nothing changes, so nothing to audit
    config: { audit: false },
    schema: { tags: ['storms'], summary: 'The length of each message on each network, as the storm\'s check counts it', body: LengthsInput, response: { 200: Lengths } },
  }, async (req) => {
    const articleUrl = req.body.article_url?.trim() || null;
    const parts: Parts = {
      hashtags: (req.body.hashtags ?? []).map((h) => h.trim().replace(/^[#＃]/, '')).filter(Boolean),
      articleUrl,
      link: articleUrl ?? `${deps.config.publicUrl}/s/${req.body.slug || 'storm'}`,
      targets: (req.body.targets ?? []).map((t) => ({ name: t.name, handles: t.handles ?? {} })),
    };
    return {
      items: req.body.messages.map(({ text }) => ({
        text: composePostText({
          text, hashtags: parts.hashtags, articleUrl, fill: { target: parts.targets[0]?.name, hashtag: parts.hashtags[0], link: parts.link },
        }),
        networks: LENGTH_RULES.map((rule) => ({ network: rule.network, name: rule.name, length: longestOn(rule, text, parts), limit: rule.limit })),
      })),
    };
  });
}
