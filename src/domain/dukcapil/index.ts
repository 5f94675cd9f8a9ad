/** The Dukcapil-compatible web service vocabulary: codes, RESPON texts, request parsing, envelopes. */
export * from './codes.js';
export * from './wire.js';
export * from './body.js';
