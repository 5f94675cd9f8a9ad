import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import type { Deps } from '../../deps.js';
import type { SessionTable, UserRow } from '../../db/schema.js';
import { DomainError, errors, type Message } from '../../../domain/errors.js';
import { passwordIssues } from '../../../domain/password-policy.js';
import { accountKey, addressKey, deviceKey, TOTP_SESSION_ATTEMPTS } from '../../../domain/sign-in.js';
import {
  hashPassword,
  isSealed,
  openSecret,
  randomToken,
  sealSecret,
  sha256,
  verifyPassword,
} from '../../lib/secrets.js';
import { newId } from '../../lib/ids.js';
import { recordDecision } from '../access/audit/decisions.js';
import type { SignInGuard } from './sign-in-guard.js';
import * as repo from './auth.repository.js';

/** What a session still owes before it is fully signed in. */
export type Stage = SessionTable['stage'];

/** Request facts recorded on a session. */
export interface ClientInfo {
  ip: string;
  userAgent: string;
}

const loginFailed = () =>
  new DomainError('unauthenticated', 'login_failed', {
    id: 'Nama pengguna atau kata sandi salah.',
    en: 'Wrong username or password.',
  });

function waitText(ms: number): Message {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 120) return { id: `${seconds} detik`, en: `${seconds} seconds` };
  const minutes = Math.ceil(seconds / 60);
  return { id: `${minutes} menit`, en: `${minutes} minutes` };
}

const loginThrottled = (ms: number) => {
  const wait = waitText(ms);
  return errors.rateLimited('login_throttled', ms, {
    id: `Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${wait.id}.`,
    en: `Too many failed sign-in attempts. Try again in ${wait.en}.`,
  });
};

const totpThrottled = (ms: number) => {
  const wait = waitText(ms);
  return errors.rateLimited('totp_throttled', ms, {
    id: `Terlalu banyak kode autentikator yang salah. Coba lagi dalam ${wait.id}.`,
    en: `Too many wrong authenticator codes. Try again in ${wait.en}.`,
  });
};

/** The code of the 401 that ends a half-signed session after too many wrong TOTP codes (the route clears the cookie). */
export const TOTP_SESSION_ENDED = 'totp_attempts_exhausted';

const totpSessionEnded = () =>
  new DomainError('unauthenticated', TOTP_SESSION_ENDED, {
    id: 'Terlalu banyak kode autentikator yang salah. Silakan masuk lagi dengan kata sandi.',
    en: 'Too many wrong authenticator codes. Please sign in again with your password.',
  });

/** Decides what a session still owes after the password (and, if given, the TOTP code). */
async function stageFor(deps: Pick<Deps, 'db'>, user: UserRow, totpDone: boolean): Promise<Stage> {
  if (user.totp_enabled === 1 && !totpDone) return 'totp';
  if (user.must_change_password === 1) return 'password_change';
  if (user.totp_enabled !== 1 && (await repo.officeRequiresTotp(deps.db, user.office_id))) return 'totp_enroll';
  return 'full';
}

/** A new session row for a user (its cookie token is returned beside it, never stored). */
function newSession(
  deps: Pick<Deps, 'config'>,
  userId: string,
  stage: Stage,
  now: Date,
  client: ClientInfo,
): { token: string; row: SessionTable } {
  const token = randomToken();
  const absolute = now.getTime() + deps.config.sessionAbsoluteHours * 3_600_000;
  const idle = now.getTime() + deps.config.sessionIdleMinutes * 60_000;
  return {
    token,
    row: {
      id: sha256(token),
      user_id: userId,
      csrf_token: randomToken(24),
      stage,
      created_at: now.toISOString(),
      expires_at: new Date(Math.min(idle, absolute)).toISOString(),
      last_seen_at: now.toISOString(),
      ip: client.ip,
      user_agent: client.userAgent.slice(0, 300),
      handle: newId(),
      absolute_expires_at: new Date(absolute).toISOString(),
      totp_failures: 0,
    },
  };
}

/**
 * Checks username and password and opens a session; returns the cookie token.
 *
 * Guessing is throttled per account and per client address (domain/sign-in.ts), never locked: the check comes
 * before any lookup and is the same for known and unknown usernames, every attempt that passes it costs one
 * password hash check (against a dummy hash for unknown or inactive users) and fails with the same answer. An
 * attempt is counted before its hash is checked, so parallel guesses cannot all slip under the limit; a correct
 * password takes its count back (address) or clears the account's failures.
 *
 * An attempt presenting a valid device cookie for this username (device-cookie.ts: the browser signed in to this
 * account before) is counted under its own key (account + device) instead of the account-wide one, so a guesser
 * elsewhere, who keeps the account-wide wait running, cannot keep the owner out. Every success returns a fresh
 * device cookie value for the route to set.
 */
export async function login(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  guard: SignInGuard,
  input: { username: string; password: string },
  client: ClientInfo,
  deviceCookie?: string,
): Promise<{ token: string; stage: Stage; userId: string; deviceCookie: string }> {
  const now = deps.now();
  const ms = now.getTime();
  const username = input.username.trim();
  const device = guard.deviceCookies.deviceOf(deviceCookie, username, ms);
  // The first key: this device's own (a valid device cookie for this username), else the account-wide one.
  const [throttle, key] =
    device === undefined ? [guard.account, accountKey(username)] : [guard.device, deviceKey(username, device)];
  const address = addressKey(client.ip);
  const wait = Math.max(throttle.wait(key, ms), guard.address.wait(address, ms));
  if (wait > 0) throw loginThrottled(wait);
  throttle.count(key, ms);
  guard.address.count(address, ms);

  const found = await repo.findUserByUsername(deps.db, username);
  const user = found?.status === 'active' ? found : undefined;
  const dummy = await guard.dummyHash;
  const ok = await verifyPassword(input.password, user?.password_hash ?? dummy);
  if (!user || !ok) {
    await recordDecision(
      deps.db,
      now,
      user ? { kind: 'user', userId: user.id, clientIp: client.ip } : { kind: 'system' },
      {
        action: 'login.failed',
        result: user ? 'wrong_password' : 'unknown_or_inactive',
        detail: { username: username.slice(0, 80), ip: client.ip },
      },
    );
    throw loginFailed();
  }
  throttle.clear(key);
  guard.address.refund(address);
  const stage = await stageFor(deps, user, false);
  const { token, row } = newSession(deps, user.id, stage, now, client);
  await deps.db.transaction().execute(async (trx) => {
    await recordDecision(
      trx,
      now,
      { kind: 'user', userId: user.id, clientIp: client.ip },
      { action: 'login', result: stage, detail: { username: user.username } },
    );
    await repo.insertSession(trx, row);
  });
  return { token, stage, userId: user.id, deviceCookie: guard.deviceCookies.issue(user.username, ms) };
}

/**
 * Resolves a cookie token to a live session, sliding its idle expiry (never past its absolute one); undefined
 * when unknown or expired.
 */
export async function resume(deps: Pick<Deps, 'db' | 'now' | 'config'>, token: string) {
  const id = sha256(token);
  const session = await repo.findSession(deps.db, id);
  if (!session) return undefined;
  const now = deps.now();
  const absolute = new Date(session.absolute_expires_at).getTime();
  if (new Date(session.expires_at) <= now || !(absolute > now.getTime())) {
    await repo.deleteSession(deps.db, id);
    return undefined;
  }
  // Touch at most once a minute to keep reads cheap.
  if (now.getTime() - new Date(session.last_seen_at).getTime() > 60_000) {
    const idle = now.getTime() + deps.config.sessionIdleMinutes * 60_000;
    const expires = new Date(Math.min(idle, absolute)).toISOString();
    await repo.updateSession(deps.db, id, { last_seen_at: now.toISOString(), expires_at: expires });
  }
  return session;
}

/** Ends a session. */
export async function logout(deps: Pick<Deps, 'db'>, sessionId: string) {
  await repo.deleteSession(deps.db, sessionId);
}

async function mustUser(deps: Pick<Deps, 'db'>, userId: string) {
  const user = await repo.findUserById(deps.db, userId);
  if (!user || user.status !== 'active') throw errors.unauthenticated();
  return user;
}

/**
 * Changes the password (current one required), ends every other session of the user, and replaces this one by a
 * new session (new cookie token, new CSRF token): a token somebody copied before the change stops working.
 */
export async function changePassword(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  guard: SignInGuard,
  session: SessionTable,
  input: { currentPassword: string; newPassword: string },
  client: ClientInfo,
): Promise<{ stage: Stage; token: string; csrfToken: string }> {
  const user = await mustUser(deps, session.user_id);
  // Wrong current passwords are throttled per user like sign-ins (counted before the check, so parallel guesses
  // cannot share one): a stolen session cannot be used to guess the password.
  const ms = deps.now().getTime();
  const wait = guard.passwordChange.wait(user.id, ms);
  if (wait > 0) throw loginThrottled(wait);
  guard.passwordChange.count(user.id, ms);
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
    throw errors.invalid('wrong_current_password', {
      id: 'Kata sandi saat ini salah.',
      en: 'The current password is wrong.',
    });
  }
  const issues = passwordIssues(input.newPassword, user.username);
  if (input.newPassword === input.currentPassword) {
    issues.push({
      field: 'newPassword',
      message: { id: 'Kata sandi baru harus berbeda.', en: 'The new password must be different.' },
    });
  }
  if (issues.length) {
    throw errors.invalid(
      'weak_password',
      { id: 'Kata sandi baru ditolak.', en: 'The new password is refused.' },
      issues,
    );
  }
  guard.passwordChange.clear(user.id);
  const hash = await hashPassword(input.newPassword);
  const updated: UserRow = { ...user, must_change_password: 0 };
  const stage = session.stage === 'totp' ? 'totp' : await stageFor(deps, updated, true);
  const now = deps.now();
  const { token, row } = newSession(deps, user.id, stage, now, client);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, user.id, {
      password_hash: hash,
      must_change_password: 0,
      password_changed_at: now.toISOString(),
    });
    await repo.deleteOtherSessions(trx, user.id, session.id);
    await repo.deleteSession(trx, session.id);
    await repo.insertSession(trx, row);
  });
  return { stage, token, csrfToken: row.csrf_token };
}

const badCode = (code = 'totp_invalid') =>
  errors.invalid(
    code,
    code === 'totp_reused'
      ? {
          id: 'Kode autentikator ini sudah dipakai. Tunggu kode berikutnya.',
          en: 'This authenticator code has been used already. Wait for the next one.',
        }
      : { id: 'Kode autentikator salah.', en: 'The authenticator code is wrong.' },
    [{ field: 'code', message: { id: 'kode salah atau kedaluwarsa', en: 'wrong or expired code' } }],
  );

/** The user's TOTP secret in clear; a plaintext one from before encryption is encrypted in place on this first use. */
async function totpSecretOf(deps: Pick<Deps, 'db'>, guard: SignInGuard, user: UserRow): Promise<string | null> {
  if (!user.totp_secret) return null;
  let secret: string;
  try {
    secret = openSecret(guard.secretKey, user.totp_secret);
  } catch {
    // Not the user's doing: this process has another key than the one that encrypted the secret.
    throw new Error(
      'a TOTP secret cannot be decrypted: GERBANG_SECRET_KEY (or DATA_DIR/secret.key) differs from the key that encrypted it',
    );
  }
  if (!isSealed(user.totp_secret)) {
    await repo.updateUser(deps.db, user.id, { totp_secret: sealSecret(guard.secretKey, secret) });
  }
  return secret;
}

/**
 * Checks one TOTP code given in a half-signed session, the way both login and enrolment do: throttled per user
 * (429), at most TOTP_SESSION_ATTEMPTS codes per session (the last wrong one ends it: 401), and each time step
 * good once (a code already accepted is refused, also in another session). Attempts are counted before the code
 * is checked so parallel guesses cannot share one.
 */
async function checkTotp(
  deps: Pick<Deps, 'db' | 'now'>,
  guard: SignInGuard,
  session: SessionTable,
  user: UserRow,
  code: string,
): Promise<void> {
  const ms = deps.now().getTime();
  const wait = guard.totp.wait(user.id, ms);
  if (wait > 0) throw totpThrottled(wait);
  guard.totp.count(user.id, ms);
  const used = await repo.claimTotpAttempt(deps.db, session.id, TOTP_SESSION_ATTEMPTS);
  if (used === null) {
    await repo.deleteSession(deps.db, session.id);
    throw totpSessionEnded();
  }
  const secret = await totpSecretOf(deps, guard, user);
  let failure = 'totp_invalid';
  if (secret && /^\d{6}$/.test(code)) {
    const result = await verifyTotp({ secret, token: code, epochTolerance: 30 });
    if (result.valid && 'timeStep' in result) {
      if (await repo.claimTotpStep(deps.db, user.id, result.timeStep)) {
        guard.totp.clear(user.id);
        return;
      }
      failure = 'totp_reused';
    }
  }
  if (used >= TOTP_SESSION_ATTEMPTS) {
    await repo.deleteSession(deps.db, session.id);
    throw totpSessionEnded();
  }
  throw badCode(failure);
}

/** Second step of login: checks the TOTP code. */
export async function verifyLoginTotp(
  deps: Pick<Deps, 'db' | 'now'>,
  guard: SignInGuard,
  session: SessionTable,
  code: string,
): Promise<Stage> {
  if (session.stage !== 'totp') {
    throw errors.conflict('no_totp_pending', { id: 'Tidak ada kode yang ditunggu.', en: 'No code is pending.' });
  }
  const user = await mustUser(deps, session.user_id);
  if (!user.totp_secret || user.totp_enabled !== 1) throw badCode();
  await checkTotp(deps, guard, session, user, code);
  const stage = await stageFor(deps, user, true);
  await repo.updateSession(deps.db, session.id, { stage });
  return stage;
}

/** Starts TOTP enrolment: stores a fresh secret (encrypted, not yet active) and returns it with its otpauth URI. */
export async function setupTotp(deps: Pick<Deps, 'db'>, guard: SignInGuard, session: SessionTable) {
  const user = await mustUser(deps, session.user_id);
  if (user.totp_enabled === 1) {
    throw errors.conflict('totp_already_enabled', {
      id: 'Autentikasi dua faktor sudah aktif.',
      en: 'Two-factor authentication is already on.',
    });
  }
  const secret = generateSecret();
  await repo.updateUser(deps.db, user.id, { totp_secret: sealSecret(guard.secretKey, secret) });
  return { secret, uri: generateURI({ issuer: 'Gerbang', label: user.username, secret }) };
}

/** Confirms enrolment with a first code (checked like a login code); from then on logins ask for a code. */
export async function enableTotp(
  deps: Pick<Deps, 'db' | 'now'>,
  guard: SignInGuard,
  session: SessionTable,
  code: string,
): Promise<Stage> {
  const user = await mustUser(deps, session.user_id);
  if (user.totp_enabled === 1) {
    throw errors.conflict('totp_already_enabled', {
      id: 'Autentikasi dua faktor sudah aktif.',
      en: 'Two-factor authentication is already on.',
    });
  }
  if (!user.totp_secret) {
    throw errors.conflict('totp_not_set_up', {
      id: 'Mulai pendaftaran autentikator terlebih dahulu.',
      en: 'Start authenticator setup first.',
    });
  }
  await checkTotp(deps, guard, session, user, code);
  await repo.updateUser(deps.db, user.id, { totp_enabled: 1 });
  const stage = await stageFor(deps, { ...user, totp_enabled: 1 }, true);
  await repo.updateSession(deps.db, session.id, { stage });
  return stage;
}

/** One of the user's sessions as they see it: a handle, when and where from, and whether it is this one. */
export interface SessionView {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string;
  userAgent: string;
  signedIn: boolean;
  current: boolean;
}

/** The signed-in user's live sessions, this one marked. */
export async function listSessions(deps: Pick<Deps, 'db' | 'now'>, session: SessionTable): Promise<SessionView[]> {
  const rows = await repo.listLiveSessions(deps.db, session.user_id, deps.now().toISOString());
  return rows.map((s) => ({
    id: s.handle,
    createdAt: s.created_at,
    lastSeenAt: s.last_seen_at,
    expiresAt: s.expires_at,
    ip: s.ip,
    userAgent: s.user_agent,
    signedIn: s.stage === 'full',
    current: s.id === session.id,
  }));
}

/** Ends one of the user's own sessions by its handle (this one too: that is logging out); 404 for any other. */
export async function endSession(
  deps: Pick<Deps, 'db'>,
  session: SessionTable,
  handle: string,
): Promise<{ current: boolean }> {
  if (!(await repo.deleteSessionByHandle(deps.db, session.user_id, handle))) {
    throw errors.notFound({ id: 'Sesi', en: 'Session' });
  }
  return { current: handle === session.handle };
}

/** Ends every session of the user but this one; returns how many ended. */
export async function endOtherSessions(deps: Pick<Deps, 'db'>, session: SessionTable): Promise<number> {
  return repo.deleteOtherSessions(deps.db, session.user_id, session.id);
}
