/** Name/place similarity and verification by elements. */
export * from './similarity.js';
export * from './verify.js';
