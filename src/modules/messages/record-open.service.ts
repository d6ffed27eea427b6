// A loaded open pixel. The signature is checked before the database is touched; a bad one, or a token
// nobody has (a test copy), counts nothing. Each recipient's first open counts, later ones do not.
import type { Deps } from '../../deps.ts';
import { isTokenShaped } from '../../lib/tokens.ts';
import { recordFirstOpen, verifySignedUrl } from '../tracking/index.ts';
import { findRecipientByToken } from './recipients.repo.ts';

/** True when this was the recipient's first recorded open. */
export async function recordOpen(deps: Pick<Deps, 'db' | 'clock' | 'secret'>, token: unknown, signature: unknown): Promise<boolean> {
  if (!isTokenShaped(token) || !verifySignedUrl(deps.secret, signature, 'open', token)) return false;
  const recipient = await findRecipientByToken(deps.db, token);
  if (!recipient) return false;
  return recordFirstOpen(deps, { message_id: recipient.message_id, person_id: recipient.person_id });
}
