/** The synthetic population generator and the resident CSV validator. */
export * from './csv.js';
export * from './generate.js';
export * from './random.js';
