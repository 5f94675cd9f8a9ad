/**
 * Who may do what with a control campaign (issue 13), as synchronous rules over loaded data. The roles come from
 * the campaign's SOP (the engine's rules: the holder of the first step opens, the holders of the campaign's steps
 * work on it); anything not allowed here is denied.
 */
import type { Actor } from '../authz.js';

/** The office-side facts a rule needs. */
export interface CampaignScope {
  officeId: string;
  /** The campaign's office and the offices above it. */
  officeChain: readonly string[];
}

/** Who sees a campaign: its office, the offices above, pusat. Institutions see only their own follow-ups. */
export function canViewCampaign(actor: Actor, c: CampaignScope): boolean {
  if (actor.orgKind !== 'office') return false;
  return actor.atPusat || c.officeChain.includes(actor.orgId);
}

/** Who opens a campaign: a user of the office holding the role the SOP's first step names. */
export function canOpenCampaign(actor: Actor, officeId: string, startRole: string): boolean {
  return actor.orgKind === 'office' && actor.orgId === officeId && actor.roles.includes(startRole);
}

/** Who works on a campaign (checklist, findings, judging follow-ups): its office's holders of its steps. */
export function canWorkOnCampaign(actor: Actor, c: CampaignScope, roles: ReadonlySet<string>): boolean {
  return actor.orgKind === 'office' && actor.orgId === c.officeId && actor.roles.some((r) => roles.has(r));
}

/** Who answers a follow-up: the institution's pimpinan or admin. */
export function canRespondFollowUp(actor: Actor, institutionId: string): boolean {
  return (
    actor.orgKind === 'institution' &&
    actor.orgId === institutionId &&
    actor.roles.some((r) => r === 'pimpinan' || r === 'admin')
  );
}
