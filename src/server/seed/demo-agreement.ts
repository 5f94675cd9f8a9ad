/**
 * The demo bank's PKS, made the way a real one is: an application with the six mandatory contents, the PKS
 * drafted from it (number from Kebumen's register, PDF with its QR code), submitted by the kabid, approved by the
 * Director General, signed by Kebumen's kadis and the bank's pimpinan over the PDF's SHA-256, activated and its
 * juknis approved, about seven months before the demo starts (so a semester of history fits). Each step is the service call the web UI makes, taken by the demo user who would take it, so
 * whoever opens the demo finds a PKS with its document, signatures and history beside the grants it feeds.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Config } from '../config.js';
import type { Actor } from '../../domain/authz.js';
import type { ApplicationContent } from '../../domain/application.js';
import { newId } from '../lib/ids.js';
import { loadActor } from '../modules/directory/actor.repository.js';
import { createFromApplication, setInstitutionNumber, transition } from '../modules/agreements/agreement.service.js';
import { BANK_ELEMENTS, DEMO_BANK, dayOffset } from '../modules/access/fixtures.js';

/** What the bank applied for (the mandatory contents of an application). */
const APPLICATION: ApplicationContent = {
  userName: DEMO_BANK,
  purpose: 'Verifikasi identitas nasabah (know your customer) pada pembukaan rekening dan pengajuan kredit.',
  elements: BANK_ELEMENTS,
  methods: ['web_service', 'card_reader', 'web_portal'],
  dataBalikan: 'Data nasabah yang telah diverifikasi dikembalikan setiap bulan.',
  // The same duty as data: address changes customers report, every month (tracked by data balikan).
  dataBalikanDuties: [{ kind: 'perubahan_alamat', frequency: 'monthly' }],
  durationMonths: 24,
  expectedDailyVolume: 5000,
  ipRanges: ['127.0.0.1/32', '::1/128'],
  legalBasis: '',
};

/**
 * Days before the demo's start at which the PKS was made and took effect: about seven months, so at least one
 * semester report is owed and filed by the demo's start (demo-obligations.ts), and its 24 months run well past a
 * restart ten months later.
 */
export const DAYS_AGO = 213;

async function demoActor(db: Kysely<DB>, username: string): Promise<Actor> {
  const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  const actor = await loadActor(db, user.id);
  if (!actor) throw new Error(`demo user ${username} is not active`);
  return actor;
}

/** Makes the demo bank's active PKS through the agreement lifecycle; returns its id. */
export async function seedDemoAgreement(
  db: Kysely<DB>,
  config: Config,
  now: Date,
  institutionId: string,
): Promise<string> {
  const then = new Date(now.getTime() - DAYS_AGO * 86_400_000);
  const deps = { db, config, now: () => then };
  const pimpinan = await demoActor(db, 'bank.pimpinan');
  const kabid = await demoActor(db, 'kebumen.kabid');
  const kadis = await demoActor(db, 'kebumen.kadis');
  const dirjen = await demoActor(db, 'pusat.dirjen');
  const stamp = then.toISOString();
  const agreementId = await db.transaction().execute(async (trx) => {
    const application = {
      id: newId(),
      institution_id: institutionId,
      office_id: pimpinan.officeId,
      status: 'approved' as const,
      content: JSON.stringify(APPLICATION),
      letter_file_id: null,
      case_id: null,
      agreement_id: null,
      created_by: pimpinan.userId,
      created_at: stamp,
      updated_at: stamp,
      submitted_at: stamp,
    };
    await trx.insertInto('applications').values(application).execute();
    return (await createFromApplication(deps, trx, application, null, kabid.userId)).agreementId;
  });
  await transition(deps, kabid, agreementId, 'submit');
  await transition(deps, dirjen, agreementId, 'approve');
  // The bank's own number for the agreement, entered by its pimpinan before signing (printed on the signed copy).
  await setInstitutionNumber(deps, pimpinan, agreementId, `017/DIR-BNS/PKS/${then.getUTCFullYear()}`);
  await transition(deps, kadis, agreementId, 'sign');
  await transition(deps, pimpinan, agreementId, 'sign');
  await transition(deps, kabid, agreementId, 'activate', { startDate: dayOffset(then, 0) });
  await transition(deps, kabid, agreementId, 'approve_juknis');
  return agreementId;
}
