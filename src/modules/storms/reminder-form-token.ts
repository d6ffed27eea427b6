// The "Remind me" form is the one public form that makes us send an email, so another site must not be
// able to submit it from a visitor's browser. Its hidden field is an HMAC of the visitor's first-party
// cookie (SameSite=Lax: a cross-site POST does not carry it), which another site can neither read nor
// forge. The Origin header cannot serve: our pages send no referrer, so the browser sends Origin: null.
import { sign, verifySignature } from '../../lib/tokens.ts';

export const REMINDER_FORM_FIELD = 'form';

export function reminderFormToken(secret: string, visitor: string): string {
  return sign(secret, 'reminder-form', visitor);
}

export function isReminderFormToken(secret: string, visitor: string | undefined, given: unknown): boolean {
  return visitor !== undefined && verifySignature(secret, given, 'reminder-form', visitor);
}
