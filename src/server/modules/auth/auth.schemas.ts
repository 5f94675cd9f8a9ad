import { Type } from '@sinclair/typebox';
import { Bilingual } from '../../http/schemas.js';

/** Login body. */
export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);

const Stage = Type.Union(
  [Type.Literal('full'), Type.Literal('totp'), Type.Literal('totp_enroll'), Type.Literal('password_change')],
  { description: 'What the session still owes: full means signed in' },
);

/** The login answer: what the session still owes. */
export const LoginReply = Type.Object({ stage: Stage });

/** The current user. */
export const MeReply = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  stage: Stage,
  csrfToken: Type.String(),
  totpEnabled: Type.Boolean(),
  organisation: Type.Object({
    kind: Type.Union([Type.Literal('office'), Type.Literal('institution')]),
    id: Type.String(),
    name: Type.String(),
    detail: Type.String({ description: 'Office level and code, or institution type' }),
  }),
  roles: Type.Array(Type.Object({ code: Type.String(), name: Bilingual })),
  capabilities: Type.Array(Type.String(), { description: "what the user's roles may do in their office" }),
  atPusat: Type.Boolean({ description: 'the user works at the Directorate General' }),
  timeZone: Type.String({ description: "the IANA time zone of the user's office (an institution's: its office's)" }),
});

/** Change-password body. */
export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 500 }),
    newPassword: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);

/** A TOTP code. */
export const TotpCodeBody = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 10 }) },
  { additionalProperties: false },
);

/** TOTP enrolment: the secret and its otpauth URI, shown once. */
export const TotpSetupReply = Type.Object({ secret: Type.String(), uri: Type.String() });

/** The password change's answer: the new session's stage and CSRF token (the cookie is replaced too). */
export const ChangePasswordReply = Type.Object({
  stage: Stage,
  csrfToken: Type.String({ description: 'The new session has a new CSRF token' }),
});

/** One of the user's sessions. */
export const SessionItem = Type.Object({
  id: Type.String({ description: 'A handle naming the session (not a secret)' }),
  createdAt: Type.String({ format: 'date-time' }),
  lastSeenAt: Type.String({ format: 'date-time' }),
  expiresAt: Type.String({ format: 'date-time' }),
  ip: Type.String(),
  userAgent: Type.String(),
  signedIn: Type.Boolean({ description: 'false while a second factor or a password change is still owed' }),
  current: Type.Boolean({ description: 'the session of this request' }),
});

/** The user's live sessions. */
export const SessionList = Type.Array(SessionItem);

/** A session handle in a path. */
export const SessionParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 40, pattern: '^[0-9A-Za-z]+$' }),
});

/** How many sessions ended. */
export const EndedReply = Type.Object({ ended: Type.Integer() });
