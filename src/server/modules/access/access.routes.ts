import type { App } from '../../http/types.js';
import type { Deps } from '../../deps.js';

/** Data access: provisioning, the web service (compatible and v1), the card-reader channel, audit. */
export function accessRoutes(_app: App, _deps: Deps) {}
