/** The tamper-evident audit log: canonical entries, Merkle batches, Ed25519 seals, the log's tree and heads. */
export * from './audit.js';
export * from './canonical.js';
export * from './merkle.js';
export * from './heads.js';
