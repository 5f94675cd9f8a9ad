/**
 * Demo data of data balikan (issue 12): the demo bank's PKS names a monthly duty of address changes
 * (demo-agreement.ts); every period that has ended by the demo's start is delivered here through the bank's
 * production web-service credential a few days after the period's end, as the bank's system would, so the bank
 * starts in good standing. It delivers nothing afterwards: a server restarted months later finds its deliveries
 * missing, and the ladder acts on them.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/schema.js';
import { owedPeriods } from '../../domain/balikan/period.js';
import { demoBankId } from '../modules/access/fixtures.js';
import { sampleNiks } from '../modules/access/population/population.repository.js';
import { agreementsInForce } from '../modules/balikan/balikan.repository.js';
import { submit } from '../modules/balikan/balikan.service.js';
import { officeToday } from '../modules/balikan/balikan.time.js';

/** Days after a period's end at which the demo bank delivered it. */
const DELIVERED_AFTER_DAYS = 3;

/** Delivers every ended period of the demo bank's data balikan duties. */
export async function seedDemoBalikan(db: Kysely<DB>, _config: Config, now: Date): Promise<void> {
  const bankId = await demoBankId(db);
  if (!bankId) return;
  const grant = await db
    .selectFrom('access_grants')
    .select(['id', 'agreement_id'])
    .where('institution_id', '=', bankId)
    .where('kind', '=', 'web_service')
    .where('environment', '=', 'production')
    .executeTakeFirst();
  if (!grant) return;
  const niks = await sampleNiks(db, 'production', 40);
  if (!niks.length) return;
  const [pks] = await agreementsInForce(db, { agreementId: grant.agreement_id });
  if (!pks) return;
  const today = officeToday(pks.timezone, now);
  let n = 0;
  for (const duty of pks.duties) {
    if (duty.kind !== 'perubahan_alamat') continue;
    for (const period of owedPeriods(duty.frequency, pks.startDate, pks.endDate, today)) {
      const at = new Date(
        Math.min(now.getTime(), Date.parse(`${period.end}T03:00:00Z`) + DELIVERED_AFTER_DAYS * 86_400_000),
      );
      const rows = [0, 1, 2].map((i) => {
        const nik = niks[n++ % niks.length] ?? '';
        const day = period.start.slice(0, 8) + String(5 + i * 7).padStart(2, '0');
        return `${nik},Jl. Pemuda No. ${10 + i},00${i + 1},00${i + 2},Panjer,${day}`;
      });
      const csv = ['NIK,ALAMAT,NO_RT,NO_RW,KEL_NAME,TGL_PERUBAHAN', ...rows].join('\r\n');
      await submit(
        { db, now: () => at },
        {
          channel: 'v1',
          grantId: grant.id,
          institutionId: bankId,
          agreementId: grant.agreement_id,
          clientIp: '127.0.0.1',
        },
        {
          kind: duty.kind,
          period: period.key,
          bytes: Buffer.from(csv),
          filename: `perubahan-alamat-${period.key}.csv`,
        },
      );
    }
  }
}
