/** The data-element catalogue of UU 24/2013 art. 58(2). */
export * from './elements.js';
