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
