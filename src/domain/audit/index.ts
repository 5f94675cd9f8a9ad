/** The tamper-evident audit log: canonical entries, Merkle batches, Ed25519 seals, verification. */
export * from './audit.js';
export * from './canonical.js';
