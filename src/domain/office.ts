/** An office of the hierarchy (the Directorate General, a province, a kabupaten or kota) as the rules know it. */

/** The levels of the hierarchy: the Directorate General (pusat), provinces, kabupaten and kota. */
export const OFFICE_LEVELS = ['pusat', 'provinsi', 'kabupaten', 'kota'] as const;
/** An office's level. */
export type OfficeLevel = (typeof OFFICE_LEVELS)[number];
