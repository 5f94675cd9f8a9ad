import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import type { Deps } from '../../deps.js';
import type { SessionTable, UserTable } from '../../db/schema.js';
import { DomainError, errors } from '../../../domain/errors.js';
import { afterFailure, passwordIssues } from '../../../domain/password-policy.js';
import { hashPassword, randomToken, sha256, verifyPassword } from '../../lib/secrets.js';
import { recordDecision } from '../access/audit/decisions.js';
import * as repo from './auth.repository.js';

/** What a session still owes before it is fully signed in. */
export type Stage = SessionTable['stage'];

/** Request facts recorded on a session. */
export interface ClientInfo {
  ip: string;
  userAgent: string;
}

// A fixed hash so unknown usernames cost the same time as known ones.
let dummyHash: Promise<string> | undefined;

const loginFailed = () =>
  new DomainError('unauthenticated', 'login_failed', {
    id: 'Nama pengguna atau kata sandi salah.',
    en: 'Wrong username or password.',
  });

function lockedError(until: Date) {
  const hhmm = until.toISOString().slice(11, 16);
  const minutes = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  return new DomainError(
    'locked',
    'account_locked',
    {
      id: `Akun dikunci sementara karena terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${minutes} menit (pukul ${hhmm} UTC).`,
      en: `The account is locked after too many failed logins. Try again in ${minutes} minutes (at ${hhmm} UTC).`,
    },
    [],
    { lockedUntil: until.toISOString() },
  );
}

/** Decides what a session still owes after the password (and, if given, the TOTP code). */
async function stageFor(deps: Pick<Deps, 'db'>, user: UserTable, totpDone: boolean): Promise<Stage> {
  if (user.totp_enabled === 1 && !totpDone) return 'totp';
  if (user.must_change_password === 1) return 'password_change';
  if (user.totp_enabled !== 1 && (await repo.officeRequiresTotp(deps.db, user.office_id))) return 'totp_enroll';
  return 'full';
}

/** Checks username and password, throttles failures, and opens a session. Returns the cookie token. */
export async function login(
  deps: Pick<Deps, 'db' | 'now' | 'config'>,
  input: { username: string; password: string },
  client: ClientInfo,
): Promise<{ token: string; stage: Stage; userId: string }> {
  const now = deps.now();
  const user = await repo.findUserByUsername(deps.db, input.username.trim());
  const failed = (why: string, userId: string | null) =>
    recordDecision(deps.db, now, userId ? { kind: 'user', userId, clientIp: client.ip } : { kind: 'system' }, {
      action: 'login.failed',
      result: why,
      detail: { username: input.username.trim().slice(0, 80), ip: client.ip },
    });
  if (!user || user.status !== 'active') {
    dummyHash ??= hashPassword('not-a-real-password');
    await verifyPassword(input.password, await dummyHash);
    await failed('unknown_or_inactive', null);
    throw loginFailed();
  }
  if (user.locked_until && new Date(user.locked_until) > now) {
    await failed('locked', user.id);
    throw lockedError(new Date(user.locked_until));
  }
  if (!(await verifyPassword(input.password, user.password_hash))) {
    const next = afterFailure(user.failed_logins, now);
    await deps.db.transaction().execute(async (trx) => {
      await repo.recordFailure(trx, user.id, next.failures, next.lockedUntil?.toISOString() ?? null);
      await recordDecision(
        trx,
        now,
        { kind: 'user', userId: user.id, clientIp: client.ip },
        {
          action: 'login.failed',
          result: next.lockedUntil ? 'locked' : 'wrong_password',
          detail: { username: user.username },
        },
      );
    });
    if (next.lockedUntil) throw lockedError(next.lockedUntil);
    throw loginFailed();
  }
  const token = randomToken();
  const stage = await stageFor(deps, user, false);
  await deps.db.transaction().execute(async (trx) => {
    await repo.clearFailures(trx, user.id);
    await recordDecision(
      trx,
      now,
      { kind: 'user', userId: user.id, clientIp: client.ip },
      {
        action: 'login',
        result: stage,
        detail: { username: user.username },
      },
    );
    await repo.insertSession(trx, {
      id: sha256(token),
      user_id: user.id,
      csrf_token: randomToken(24),
      stage,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + deps.config.sessionIdleMinutes * 60_000).toISOString(),
      last_seen_at: now.toISOString(),
      ip: client.ip,
      user_agent: client.userAgent.slice(0, 300),
    });
  });
  return { token, stage, userId: user.id };
}

/** Resolves a cookie token to a live session, sliding its expiry; undefined when unknown or expired. */
export async function resume(deps: Pick<Deps, 'db' | 'now' | 'config'>, token: string) {
  const id = sha256(token);
  const session = await repo.findSession(deps.db, id);
  if (!session) return undefined;
  const now = deps.now();
  if (new Date(session.expires_at) <= now) {
    await repo.deleteSession(deps.db, id);
    return undefined;
  }
  // Touch at most once a minute to keep reads cheap.
  if (now.getTime() - new Date(session.last_seen_at).getTime() > 60_000) {
    const expires = new Date(now.getTime() + deps.config.sessionIdleMinutes * 60_000).toISOString();
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

/** Changes the password (current one required), ends the user's other sessions, and advances the stage. */
export async function changePassword(
  deps: Pick<Deps, 'db' | 'now'>,
  session: SessionTable,
  input: { currentPassword: string; newPassword: string },
): Promise<Stage> {
  const user = await mustUser(deps, session.user_id);
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
  const hash = await hashPassword(input.newPassword);
  const updated: UserTable = { ...user, must_change_password: 0 };
  const stage = session.stage === 'totp' ? 'totp' : await stageFor(deps, updated, true);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, user.id, {
      password_hash: hash,
      must_change_password: 0,
      password_changed_at: deps.now().toISOString(),
    });
    await repo.deleteOtherSessions(trx, user.id, session.id);
    await repo.updateSession(trx, session.id, { stage });
  });
  return stage;
}

const badCode = () =>
  errors.invalid('totp_invalid', { id: 'Kode autentikator salah.', en: 'The authenticator code is wrong.' }, [
    { field: 'code', message: { id: 'kode salah atau kedaluwarsa', en: 'wrong or expired code' } },
  ]);

async function codeMatches(secret: string, code: string): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  const result = await verifyTotp({ secret, token: code, epochTolerance: 30 });
  return result.valid;
}

/** Second step of login: checks the TOTP code. */
export async function verifyLoginTotp(
  deps: Pick<Deps, 'db' | 'now'>,
  session: SessionTable,
  code: string,
): Promise<Stage> {
  if (session.stage !== 'totp') {
    throw errors.conflict('no_totp_pending', { id: 'Tidak ada kode yang ditunggu.', en: 'No code is pending.' });
  }
  const user = await mustUser(deps, session.user_id);
  if (!user.totp_secret || !(await codeMatches(user.totp_secret, code))) throw badCode();
  const stage = await stageFor(deps, user, true);
  await repo.updateSession(deps.db, session.id, { stage });
  return stage;
}

/** Starts TOTP enrolment: stores a fresh secret (not yet active) and returns it with its otpauth URI. */
export async function setupTotp(deps: Pick<Deps, 'db'>, session: SessionTable) {
  const user = await mustUser(deps, session.user_id);
  if (user.totp_enabled === 1) {
    throw errors.conflict('totp_already_enabled', {
      id: 'Autentikasi dua faktor sudah aktif.',
      en: 'Two-factor authentication is already on.',
    });
  }
  const secret = generateSecret();
  await repo.updateUser(deps.db, user.id, { totp_secret: secret });
  return { secret, uri: generateURI({ issuer: 'Gerbang', label: user.username, secret }) };
}

/** Confirms enrolment with a first code; from then on logins ask for a code. */
export async function enableTotp(deps: Pick<Deps, 'db'>, session: SessionTable, code: string): Promise<Stage> {
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
  if (!(await codeMatches(user.totp_secret, code))) throw badCode();
  await repo.updateUser(deps.db, user.id, { totp_enabled: 1 });
  const stage = await stageFor(deps, { ...user, totp_enabled: 1 }, true);
  await repo.updateSession(deps.db, session.id, { stage });
  return stage;
}
