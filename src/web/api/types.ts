/** Wire types of the Gerbang HTTP API, as the server's TypeBox schemas describe them. */

/** A text in both languages. */
export interface Bilingual {
  id: string;
  en: string;
}

/** What the session still owes before it is fully signed in. */
export type Stage = 'full' | 'totp' | 'totp_enroll' | 'password_change';

/** The kind of organisation a user belongs to. */
export type OrgKind = 'office' | 'institution';

/** GET /api/auth/me */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  stage: Stage;
  csrfToken: string;
  totpEnabled: boolean;
  organisation: { kind: OrgKind; id: string; name: string; detail: string };
  roles: { code: string; name: Bilingual }[];
}

/** A stage answer of the login steps. */
export interface StageReply {
  stage: Stage;
}

/** POST /api/auth/totp/setup */
export interface TotpSetup {
  secret: string;
  uri: string;
}

/** An office of the hierarchy. */
export interface Office {
  id: string;
  code: string;
  name: string;
  level: string;
  parentId: string | null;
  timezone: string;
  headTitle: string;
  requireTotp: boolean;
}

/** A role usable in an organisation. */
export interface Role {
  code: string;
  name: Bilingual;
  builtIn: boolean;
}

/** An institution in a list. */
export interface InstitutionSummary {
  id: string;
  name: string;
  type: string;
  profitOriented: boolean;
  status: string;
  officeId: string;
  officeName: string;
}

/** One institution with its contacts. */
export interface Institution {
  id: string;
  name: string;
  type: string;
  profitOriented: boolean;
  status: string;
  officeId: string;
  address: string;
  contacts: { name: string; position: string; email: string; phone: string }[];
}

/** A person of an organisation. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  status: string;
  roles: string[];
  totpEnabled: boolean;
}

/** POST /api/users body. */
export interface NewUser {
  orgKind: OrgKind;
  orgId: string;
  username: string;
  displayName: string;
  roles: string[];
}

/** POST /api/users answer: the one-time password is shown once. */
export interface CreatedUser {
  id: string;
  username: string;
  oneTimePassword: string;
}

/** An application/problem+json error body. */
export interface Problem {
  code: string;
  detail?: string;
  status?: number;
  message?: Bilingual;
  issues?: { field: string; message: Bilingual }[];
}
