/** NIK and No KK parsing, construction, keyed hashing, and the Kemendagri region reference table. */
export * from './nik.js';
export * from './hash.js';
export * from './regions.js';
