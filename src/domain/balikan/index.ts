/** Data balikan: the kinds a PKS can name, their periods and due dates, and the checking of a delivery's rows. */
export * from './kinds.js';
export * from './period.js';
export * from './rows.js';
export * from './tracking.js';
