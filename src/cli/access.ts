import type { Command } from 'commander';

/** Commands of the data-access side: population, reader, audit. */
export function registerAccessCommands(_program: Command) {}
