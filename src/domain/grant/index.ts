/** Grants: compilation from a PKS, request checks, projection, IP allow-lists, quota days. */
export * from './grant.js';
export * from './ip.js';
export * from './zone.js';
