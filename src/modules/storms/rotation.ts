// Which variant a supporter sees. Spreading people over the variants keeps a storm from posting one text
// thousands of times (which networks treat as spam); the same person always gets the same one, so coming
// back to the page does not shuffle their message.
import { createHash } from 'node:crypto';

export interface Positioned {
  position: number;
}

/** The variant for `who` (a recipient token or a visitor id), stable for that person and storm. */
export function chooseVariant<T extends Positioned>(variants: readonly T[], stormId: number, who: string): T | undefined {
  if (variants.length === 0) return undefined;
  const digest = createHash('sha256').update(`${stormId}\n${who}`).digest();
  return sorted(variants)[digest.readUInt32BE(0) % variants.length];
}

/** The variant at `position` (1-based, as "?variant=N" names it), or undefined. */
export function variantAt<T extends Positioned>(variants: readonly T[], position: unknown): T | undefined {
  const n = typeof position === 'string' && /^\d{1,6}$/.test(position) ? Number(position) : NaN;
  return variants.find((v) => v.position === n);
}

/** The position after `current`, wrapping round; undefined when there is no other variant. */
export function nextPosition(variants: readonly Positioned[], current: number): number | undefined {
  if (variants.length < 2) return undefined;
  const list = sorted(variants);
  const i = list.findIndex((v) => v.position === current);
  return list[(i + 1) % list.length]!.position;
}

function sorted<T extends Positioned>(variants: readonly T[]): T[] {
  return [...variants].sort((a, b) => a.position - b.position);
}
