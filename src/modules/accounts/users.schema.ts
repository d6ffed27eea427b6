// The API's shapes for organisers' accounts, API tokens and the audit log (all owner-only).
import { Type } from 'typebox';

const Role = Type.Union([Type.Literal('owner'), Type.Literal('campaigner'), Type.Literal('viewer')], {
  description: 'owner: users, settings, tokens; campaigner: supporters, messages, storms; viewer: numbers only',
});

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const UserView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  email: Type.String(),
  role: Role,
  totp_enabled: Type.Boolean(),
  status: Type.Union([Type.Literal('active'), Type.Literal('invited')]),
  last_login_at: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
});

export const UserList = Type.Object({ items: Type.Array(UserView) });

export const UserInput = Type.Object({
  name: Type.String({ maxLength: 200 }),
  email: Type.String({ maxLength: 320 }),
  role: Role,
});

export const UserPatch = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 200 })),
  role: Type.Optional(Role),
});

export const Invitation = Type.Object({
  user: UserView,
  invite_url: Type.String({ description: 'A one-time link (72 hours) to hand to the user: it lets them choose a password' }),
});

export const TokenView = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  role: Role,
  created_by: Type.Union([Type.Integer(), Type.Null()], { description: 'The user it belongs to (it goes when they are removed or lose its role); null: made on the command line' }),
  created_at: Type.String(),
  last_used_at: Type.Union([Type.String(), Type.Null()]),
});

export const TokenList = Type.Object({ items: Type.Array(TokenView) });

export const TokenInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  role: Type.Optional(Role),
});

export const TokenCreated = Type.Object({
  ...TokenView.properties,
  token: Type.String({ description: 'The token itself: shown this once, only its hash is kept' }),
});

export const AuditQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  before: Type.Optional(Type.Integer({ minimum: 1, description: 'Entries older than this id (the last id of the previous page)' })),
});

export const AuditList = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.Integer(),
    at: Type.String(),
    actor: Type.String({ description: 'Who: a user as "Name <email>", a token as `token "name"`, or anonymous' }),
    actor_type: Type.Union([Type.Literal('user'), Type.Literal('token'), Type.Literal('anonymous'), Type.Literal('system')]),
    actor_id: Type.Union([Type.Integer(), Type.Null()]),
    action: Type.String({ description: 'login, login.failed, logout, user.invite, … or "METHOD /api/v1/route/:pattern"' }),
    subject: Type.Union([Type.String(), Type.Null()]),
    ip: Type.Union([Type.String(), Type.Null()]),
  })),
});
