/** The JSON a grant row stores in `compiled`: only the plain Grant members (sets and matchers are rebuilt on load). */
import type { Grant } from '../../../../domain/grant/grant.js';

/** The storable part of a (compiled) grant. */
export function storable(g: Grant): Grant {
  return {
    institutionId: g.institutionId,
    pksId: g.pksId,
    pksVersionHash: g.pksVersionHash,
    credentialId: g.credentialId,
    environment: g.environment,
    methods: g.methods,
    ...(g.operations ? { operations: g.operations } : {}),
    elements: g.elements,
    validFrom: g.validFrom,
    validTo: g.validTo,
    ipAllow: g.ipAllow,
    hours: g.hours,
    dailyQuota: g.dailyQuota,
    status: g.status,
    timeZone: g.timeZone,
  };
}
