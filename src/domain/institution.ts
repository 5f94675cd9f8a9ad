/**
 * An institution (lembaga pengguna) as the rules know it: its kind, and its standing with the office that verifies
 * it. A pending institution cannot apply; a suspended one (refused, or its access stopped for overdue duties) has
 * no data access.
 */

/** The kinds of institution: a regional government unit, a ministry or agency, a legal entity. */
export const INSTITUTION_TYPES = ['opd', 'kementerian_lembaga', 'badan_hukum'] as const;
export type InstitutionType = (typeof INSTITUTION_TYPES)[number];

/** An institution's standing: registered and awaiting its office, verified, or suspended. */
export const INSTITUTION_STATUSES = ['pending', 'verified', 'suspended'] as const;
export type InstitutionStatus = (typeof INSTITUTION_STATUSES)[number];
