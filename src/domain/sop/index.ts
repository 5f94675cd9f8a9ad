/**
 * The SOP domain: definition format, checking, waktu, engine transitions, simulation and the sheet model.
 * Server modules import from here.
 */
export * from './schema.js';
export * from './types.js';
export * from './waktu.js';
export * from './validate.js';
export * from './load.js';
export * from './engine.js';
export * from './sheet.js';
export * from './actions.js';
export * from './minimum.js';
