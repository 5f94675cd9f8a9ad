// Writes docs/openapi.json from the route schemas, and the web's wire types generated from it
// (src/web/api/openapi.gen.ts). Tests fail when either committed copy is stale.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/server/config.js';
import { connect, migrate } from '../src/server/db/connect.js';
import { buildApp } from '../src/server/app.js';
import { openApiText } from '../src/server/openapi.js';
import { OPENAPI_TYPES_FILE, openApiTypes } from './openapi-types.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-openapi-'));
const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
const database = connect({ kind: 'sqlite', file: config.sqlitePath });
await migrate(database.db);
const app = await buildApp({ config, database, logger: false });
await app.ready();
const text = openApiText(app.swagger());
fs.writeFileSync('docs/openapi.json', text);
await app.close();
await database.close();
fs.rmSync(dir, { recursive: true, force: true });
fs.writeFileSync(OPENAPI_TYPES_FILE, await openApiTypes(text));
process.stdout.write(`docs/openapi.json and ${OPENAPI_TYPES_FILE} written\n`);
