// Opens tracking, for messages that ask for it: a 1×1 image from our own server at /o/{token}.gif, signed
// like the other links so nobody can count opens for someone else. Image proxies and blocked images make
// the numbers estimates, and the API says so.
import type { Deps } from '../../deps.ts';
import { signUrl } from '../tracking/index.ts';

/** The smallest transparent GIF. */
export const TRANSPARENT_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export function openPixelUrl(deps: Pick<Deps, 'secret' | 'config'>, token: string): string {
  return `${deps.config.publicUrl}/o/${token}.gif?s=${signUrl(deps.secret, 'open', token)}`;
}

/** The email's HTML with the pixel as the last thing in its body; `src` is already HTML (a stand-in). */
export function withOpenPixel(html: string, src: string): string {
  const img = `<img src="${src}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0;" />`;
  const end = html.lastIndexOf('</body>');
  return end < 0 ? `${html}${img}` : `${html.slice(0, end)}${img}${html.slice(end)}`;
}
