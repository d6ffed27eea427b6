// The organisation as supporters see it: its name and colours, set by an owner; the logo is uploaded on
// its own (organisation-logo.service.ts).
import type { Deps } from '../../deps.ts';
import { invalid, type InvalidParam } from '../../http/problem.ts';
import { contrastRatio, isHexColour, MIN_TEXT_CONTRAST, PAGE_BACKGROUND, readableOn } from '../../lib/contrast.ts';
import { findBrand, forgetBrand, logoPath, readBrand, type Brand, type StoredOrganisation } from './brand.ts';
import { writeSettingJson } from './organisation-settings.repo.ts';

export interface Organisation {
  name: string;
  /** Read-only: the uploaded logo's address on our own origin (PUT …/organisation/logo), or null. */
  logo_url: string | null;
  primary_color: string;
  accent_color: string;
}

export type OrganisationInput = Omit<Organisation, 'logo_url'> & { logo_url?: string | null | undefined };

export async function getOrganisation(deps: Pick<Deps, 'db' | 'config'>): Promise<Organisation> {
  return organisationOf(deps, await readBrand(deps));
}

function organisationOf(deps: Pick<Deps, 'config'>, brand: Brand): Organisation {
  return {
    name: brand.name, logo_url: brand.logo ? `${deps.config.publicUrl}${logoPath(brand.logo)}` : null,
    primary_color: brand.primary_color, accent_color: brand.accent_color,
  };
}

/**
 * Links and buttons are drawn in these colours on a white page with white button text: a colour that is
 * not readable there (WCAG AA, 4.5:1) is refused, naming the field and the nearest darker shade that is.
 * The logo is not set here: `logo_url` may come back as it was read, and is refused if changed.
 */
export async function setOrganisation(deps: Pick<Deps, 'db' | 'config'>, input: OrganisationInput): Promise<Organisation> {
  const current = await getOrganisation(deps);
  const problems: InvalidParam[] = [];
  const name = input.name.trim();
  if (!name) problems.push({ name: 'name', reason: 'must not be empty' });
  if (input.logo_url !== undefined && (input.logo_url?.trim() || null) !== current.logo_url) {
    problems.push({ name: 'logo_url', reason: 'is read-only: upload the logo with PUT /api/v1/settings/organisation/logo (PNG, JPEG, GIF or WebP)' });
  }
  for (const key of ['primary_color', 'accent_color'] as const) {
    const reason = colourProblem(input[key]);
    if (reason) problems.push({ name: key, reason });
  }
  if (problems.length) throw invalid(problems);
  const stored = { name, primary_color: input.primary_color.toLowerCase(), accent_color: input.accent_color.toLowerCase() } satisfies StoredOrganisation;
  await writeSettingJson(deps.db, 'organisation', stored);
  forgetBrand(deps.db);
  return { ...current, ...stored };
}

function colourProblem(value: string): string | undefined {
  if (!isHexColour(value)) return 'must be a colour like #0b5cad';
  const ratio = contrastRatio(value, PAGE_BACKGROUND);
  if (ratio >= MIN_TEXT_CONTRAST) return undefined;
  return `is too light to read on the pages' white (${PAGE_BACKGROUND}): ${ratio.toFixed(2)}:1, where links and buttons need ${MIN_TEXT_CONTRAST}:1 (WCAG AA); `
    + `${readableOn(value)} is the nearest darker shade that is readable`;
}

/** The organisation's name as emails and pages show it (the setting, else ORG_NAME). */
export async function organisationName(deps: Pick<Deps, 'db' | 'config'>): Promise<string> {
  return (await findBrand(deps)).name;
}
