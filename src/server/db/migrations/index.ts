import type { Migration } from 'kysely';
import * as foundation from './20261124_0001_foundation.js';
import * as sopEngine from './20261124_0002_sop_engine.js';
import * as agreements from './20261124_0003_agreements.js';
import * as dataAccess from './20261124_0004_data_access.js';
import * as agreementChanges from './20261124_0005_agreement_changes.js';
import * as accessPerf from './20261124_0006_access_perf.js';
import * as residentsKkIndex from './20261124_0007_residents_kk_index.js';
import * as workflowIntegrity from './20261201_0008_workflow_integrity.js';
import * as followPks from './20261201_0009_follow_pks.js';
import * as scheduler from './20261201_0010_scheduler.js';
import * as verifyCaps from './20261201_0011_verify_caps.js';
import * as auditHeads from './20261201_0012_audit_heads.js';
import * as signIn from './20261201_0013_sign_in.js';
import * as orgUsers from './20261201_0014_org_users.js';
import * as inputEdges from './20261201_0015_input_edges.js';
import * as webServiceEdges from './20261201_0016_web_service_edges.js';
import * as usageLedger from './20261201_0017_usage_ledger.js';
import * as usageReports from './20261201_0018_usage_reports.js';
import * as dataBalikan from './20261201_0019_data_balikan.js';
import * as pnbpBilling from './20261201_0020_pnbp_billing.js';
import * as controlCampaigns from './20261201_0021_control_campaigns.js';
import * as anomalies from './20261201_0022_anomalies.js';
import * as residentView from './20261201_0023_resident_view.js';
import * as operations from './20261201_0024_operations.js';
import * as letterhead from './20261202_0025_letterhead.js';
import * as pksDocument from './20261202_0026_pks_document.js';
import * as casework from './20261202_0027_casework.js';
import * as workCounts from './20261202_0028_work_counts.js';

/** Every migration, in order. Names are timestamped and never change once released. */
export const migrations: Record<string, Migration> = {
  '20261124_0001_foundation': foundation,
  '20261124_0002_sop_engine': sopEngine,
  '20261124_0003_agreements': agreements,
  '20261124_0004_data_access': dataAccess,
  '20261124_0005_agreement_changes': agreementChanges,
  '20261124_0006_access_perf': accessPerf,
  '20261124_0007_residents_kk_index': residentsKkIndex,
  '20261201_0008_workflow_integrity': workflowIntegrity,
  '20261201_0009_follow_pks': followPks,
  '20261201_0010_scheduler': scheduler,
  '20261201_0011_verify_caps': verifyCaps,
  '20261201_0012_audit_heads': auditHeads,
  '20261201_0013_sign_in': signIn,
  '20261201_0014_org_users': orgUsers,
  '20261201_0015_input_edges': inputEdges,
  '20261201_0016_web_service_edges': webServiceEdges,
  '20261201_0017_usage_ledger': usageLedger,
  '20261201_0018_usage_reports': usageReports,
  '20261201_0019_data_balikan': dataBalikan,
  '20261201_0020_pnbp_billing': pnbpBilling,
  '20261201_0021_control_campaigns': controlCampaigns,
  '20261201_0022_anomalies': anomalies,
  '20261201_0023_resident_view': residentView,
  '20261201_0024_operations': operations,
  '20261202_0025_letterhead': letterhead,
  '20261202_0026_pks_document': pksDocument,
  '20261202_0027_casework': casework,
  '20261202_0028_work_counts': workCounts,
};
