// The organisation's logo, uploaded and kept in the database, served from our own origin at /brand/logo:
// public pages allow images from nowhere else, and a supporter's browser must never ask a third party for
// one. The type is read from the bytes (no SVG, which can carry script); the address carries the content
// hash, so it never goes stale.
import { createHash } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../db/schema.ts';
import { invalid } from '../../http/problem.ts';
import { sniffImageType, type ImageType } from '../../lib/image-type.ts';
import { forgetBrand, type LogoInfo } from './brand.ts';
import { getOrganisation, type Organisation } from './organisation.service.ts';
import { deleteSettings, readSettingJson, writeSettingJson } from './organisation-settings.repo.ts';

/** A logo is shown a few hundred pixels wide at most: half a megabyte holds any sensible one. */
export const MAX_LOGO_BYTES = 512 * 1024;

export interface LogoImage extends LogoInfo { data: Buffer }

interface StoredLogoData { content_type: ImageType; etag: string; data: string }

export async function setOrganisationLogo(deps: Pick<Deps, 'db' | 'config'>, data: Buffer): Promise<Organisation> {
  const contentType = sniffImageType(data);
  if (!contentType) throw invalid([{ name: 'body', reason: 'must be a PNG, JPEG, GIF or WebP image' }], 'That is not an image we can show');
  const etag = createHash('sha256').update(data).digest('base64url').slice(0, 22);
  const stored: StoredLogoData = { content_type: contentType, etag, data: data.toString('base64') };
  await deps.db.transaction().execute(async (trx) => {
    // the bytes first: whoever reads the new hash finds them
    await writeSettingJson(trx, 'organisation_logo_data', stored);
    await writeSettingJson(trx, 'organisation_logo', { content_type: contentType, etag } satisfies LogoInfo);
  });
  forgetBrand(deps.db);
  return getOrganisation(deps);
}

export async function removeOrganisationLogo(deps: Pick<Deps, 'db' | 'config'>): Promise<Organisation> {
  await deleteSettings(deps.db, ['organisation_logo', 'organisation_logo_data']);
  forgetBrand(deps.db);
  logos.delete(deps.db);
  return getOrganisation(deps);
}

// the bytes of the current logo, per process: read again only when the logo's hash has changed
const logos = new WeakMap<Db, { etag: string; image: Promise<LogoImage | undefined> }>();

/** The logo's bytes, for the `logo` the brand names; undefined when there is none. */
export function findLogoImage(deps: Pick<Deps, 'db'>, logo: LogoInfo): Promise<LogoImage | undefined> {
  const hit = logos.get(deps.db);
  if (hit && hit.etag === logo.etag) return hit.image;
  const image = readLogoImage(deps.db);
  logos.set(deps.db, { etag: logo.etag, image });
  image.then((found) => { if (found?.etag !== logo.etag) logos.delete(deps.db); }, () => logos.delete(deps.db));
  return image;
}

async function readLogoImage(db: Db): Promise<LogoImage | undefined> {
  const stored = await readSettingJson(db, 'organisation_logo_data') as StoredLogoData | undefined;
  return stored && { content_type: stored.content_type, etag: stored.etag, data: Buffer.from(stored.data, 'base64') };
}
