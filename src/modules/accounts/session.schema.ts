// The API's shapes for logging in and out, the session's user and the second factor.
import { Type } from 'typebox';

const Role = Type.Union([Type.Literal('owner'), Type.Literal('campaigner'), Type.Literal('viewer')]);

export const SessionUser = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  email: Type.String(),
  role: Role,
  totp_enabled: Type.Boolean(),
});

export const SessionView = Type.Object({
  user: SessionUser,
  csrf_token: Type.String({ description: 'Send it as the x-csrf-token header with every change made through the session cookie' }),
});

export const LoginInput = Type.Object({
  email: Type.String({ maxLength: 320 }),
  password: Type.String({ maxLength: 1000 }),
  totp: Type.Optional(Type.String({ maxLength: 20, description: 'The current code, for a user with a second factor' })),
});

export const TotpEnrolment = Type.Object({
  secret: Type.String({ description: 'Base32, for typing into an authenticator app' }),
  uri: Type.String({ description: 'otpauth:// URI' }),
  qr_svg: Type.String({ description: 'The URI as a QR code (SVG)' }),
});

export const TotpBegin = Type.Object({ password: Type.String({ maxLength: 1000, description: 'The user\'s current password: a session alone may not add a second factor' }) });

export const TotpCode = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) });

export const TotpState = Type.Object({ totp_enabled: Type.Boolean() });
