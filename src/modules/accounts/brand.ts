// The organisation as supporters see it, read for every public page and email: its name, its colours (as
// shown, readable on the page) and its logo's type and hash (never the bytes). Storm pages are read in
// bursts, so each process reads it at most once a second; a change shows at once in the process that made
// it (it forgets what it read) and within a second in any other.
import { createHash } from 'node:crypto';
import type { Deps } from '../../deps.ts';
import type { Db } from '../../db/schema.ts';
import type { PageBrand } from '../../http/layout.ts';
import { isHexColour, readableOn } from '../../lib/contrast.ts';
import type { ImageType } from '../../lib/image-type.ts';
import { readSettingsJson } from './organisation-settings.repo.ts';

export interface LogoInfo { content_type: ImageType; etag: string }

/** What the `organisation` setting holds (older rows may lack a field, or hold one no longer used). */
export interface StoredOrganisation { name?: string; primary_color?: string; accent_color?: string }

export const DEFAULT_COLOURS = { primary_color: '#0b5cad', accent_color: '#b3261e' } as const;

export interface Brand extends PageBrand {
  /** As the organiser chose them. */
  primary_color: string;
  accent_color: string;
  /** As pages and emails show them: a colour kept from before contrast was checked is darkened until readable. */
  shown: { primary: string; accent: string };
  logo: LogoInfo | null;
  /** Changes with the colours shown: /brand/colours.css?v= */
  coloursVersion: string;
}

const KEEP_MS = 1_000;
const caches = new WeakMap<Db, { until: number; value: Promise<Brand> }>();

export function findBrand(deps: Pick<Deps, 'db' | 'config'>): Promise<Brand> {
  const now = performance.now();
  const hit = caches.get(deps.db);
  if (hit && hit.until > now) return hit.value;
  const value = readBrand(deps);
  caches.set(deps.db, { until: now + KEEP_MS, value });
  value.catch(() => caches.delete(deps.db));
  return value;
}

export function forgetBrand(db: Db): void {
  caches.delete(db);
}

/** The logo's address on our origin: its hash in the query, so the address changes with the image. */
export const logoPath = (logo: LogoInfo) => `/brand/logo?v=${logo.etag}`;

/** The brand as stored now, past the cache (the settings API reads it so). */
export async function readBrand(deps: Pick<Deps, 'db' | 'config'>): Promise<Brand> {
  const rows = await readSettingsJson(deps.db, ['organisation', 'organisation_logo']);
  const stored = (rows.get('organisation') ?? {}) as StoredOrganisation;
  const logo = (rows.get('organisation_logo') ?? null) as LogoInfo | null;
  const primary = colourOr(stored.primary_color, DEFAULT_COLOURS.primary_color);
  const accent = colourOr(stored.accent_color, DEFAULT_COLOURS.accent_color);
  const shown = { primary: readableOn(primary), accent: readableOn(accent) };
  const version = createHash('sha256').update(`${shown.primary}${shown.accent}`).digest('hex').slice(0, 12);
  return {
    name: stored.name || deps.config.orgName,
    primary_color: primary, accent_color: accent, shown, logo, coloursVersion: version,
    logoSrc: logo ? logoPath(logo) : null,
    stylesheet: `/brand/colours.css?v=${version}`,
  };
}

function colourOr(value: string | undefined, fallback: string): string {
  return value && isHexColour(value) ? value.toLowerCase() : fallback;
}
