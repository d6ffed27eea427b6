// The article as HTML: the text, then share buttons in a plain form that works with JavaScript off. The
// fixed words come from the translator in the page's language; the article's own words keep the article's
// language and direction. Link previews get Open Graph and Twitter card tags with absolute URLs, and the
// image only from our own origin on the page itself (the CSP allows no other).
import { renderPage, type PageBrand } from '../../http/layout.ts';
import type { Translator } from '../../i18n/index.ts';
import { html, raw, SafeHtml } from '../../lib/html.ts';
import { textDirection } from '../../lib/language.ts';
import { NETWORK_NAMES, NETWORKS } from '../../lib/share-intents.ts';
import type { CachedArticle } from './article-cache.ts';
import { imagePath } from './articles.service.ts';

export interface ArticlePageExtras {
  t: Translator;
  /** Links to this page in the other languages. */
  languages: SafeHtml;
  publicUrl: string;
  /** The organisation: at the top of the page, and the site's name in link previews. */
  brand: PageBrand;
  /** The share the visitor came through, and their recipient token: carried into the share form. */
  via: string | undefined;
  r: string | undefined;
  /** From the oc_mastodon cookie, to prefill the server field. */
  mastodonInstance: string | undefined;
}

export function articlePageHtml({ article, bodyHtml, image }: CachedArticle, extras: ArticlePageExtras): string {
  const { t, publicUrl } = extras;
  const pageUrl = `${publicUrl}/a/${article.slug}`;
  // an uploaded image, else the organiser's image_url when it is on our own origin; previews may use any
  const shownImage = image ? imagePath(article.slug, image) : sameOriginPath(article.image_url, publicUrl);
  const previewImage = shownImage ? `${publicUrl}${shownImage}` : article.image_url;
  const content = article.language === t.lang ? raw('') : html` lang="${article.language}" dir="${textDirection(article.language)}"`;
  const body = html`<article class="article"${content}>
<h1>${article.title}</h1>
${article.summary ? html`<p class="summary">${article.summary}</p>` : ''}
${shownImage ? html`<img class="article-image" src="${shownImage}" alt="${article.image_alt}">` : ''}
<div class="article-body">
${raw(bodyHtml)}
</div>
</article>
${shareForm(article.slug, extras)}`;
  return renderPage({
    title: article.title, lang: t.lang, languages: extras.languages, brand: extras.brand, description: article.summary || undefined, body,
    head: previewTags({ title: article.title, summary: article.summary, url: pageUrl, image: previewImage, imageAlt: article.image_alt, siteName: extras.brand.name }),
  });
}

export function articleNotFoundPage(t: Translator, brand: PageBrand): string {
  const title = t.text('article.notFound.title');
  return renderPage({ title, lang: t.lang, brand, body: html`<h1>${title}</h1>\n<p>${t.text('article.notFound.text')}</p>` });
}

function shareForm(slug: string, { t, via, r, mastodonInstance }: ArticlePageExtras): SafeHtml {
  // ?lang= carries the page's language to an error page the form may lead to
  return html`<section class="share" aria-labelledby="share-title">
<h2 id="share-title">${t.text('article.share.title')}</h2>
<p class="muted">${t.text('article.share.text')}</p>
<form class="post" method="post" action="/a/${slug}/share?lang=${t.lang}">
${via ? html`<input type="hidden" name="via" value="${via}">` : ''}
${r ? html`<input type="hidden" name="r" value="${r}">` : ''}
<ul class="networks">
${NETWORKS.map((n) => html`<li><button type="submit" name="network" value="${n}" data-network="${n}">${n === 'email' ? t.text('network.email') : NETWORK_NAMES[n]}</button></li>
`)}</ul>
<label for="mastodon-instance">${t.text('storm.during.mastodon')}</label>
<input type="text" id="mastodon-instance" name="mastodon_instance" value="${mastodonInstance ?? ''}" placeholder="mastodon.social" autocomplete="off" autocapitalize="none" spellcheck="false" inputmode="url" dir="ltr">
</form>
</section>`;
}

interface Preview { title: string; summary: string; url: string; image: string | null; imageAlt: string; siteName: string }

function previewTags(p: Preview): SafeHtml {
  const og = (property: string, content: string) => html`<meta property="${property}" content="${content}">`;
  const tw = (name: string, content: string) => html`<meta name="${name}" content="${content}">`;
  const tags = [
    html`<link rel="canonical" href="${p.url}">`,
    og('og:type', 'article'), og('og:title', p.title), p.summary && og('og:description', p.summary), og('og:url', p.url),
    og('og:site_name', p.siteName), p.image && og('og:image', p.image), p.image && p.imageAlt && og('og:image:alt', p.imageAlt),
    tw('twitter:card', p.image ? 'summary_large_image' : 'summary'), tw('twitter:title', p.title),
    p.summary && tw('twitter:description', p.summary), p.image && tw('twitter:image', p.image),
    p.image && p.imageAlt && tw('twitter:image:alt', p.imageAlt),
  ];
  return raw(tags.filter((tag): tag is SafeHtml => tag instanceof SafeHtml).map((tag) => tag.value).join('\n'));
}

/** The path of a URL on our own origin, or undefined for one elsewhere (which the page must not load). */
function sameOriginPath(url: string | null, publicUrl: string): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.origin === new URL(publicUrl).origin ? `${u.pathname}${u.search}` : undefined;
  } catch {
    return undefined;
  }
}
