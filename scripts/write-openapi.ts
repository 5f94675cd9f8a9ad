// Writes docs/openapi.json from the route schemas (a test fails when the committed copy is stale).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/server/config.js';
import { connect, migrate } from '../src/server/db/connect.js';
import { buildApp } from '../src/server/app.js';
import { openApiText } from '../src/server/openapi.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gerbang-openapi-'));
const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: 'silent' });
const database = connect({ kind: 'sqlite', file: config.sqlitePath });
await migrate(database.db);
const app = await buildApp({ config, database, logger: false });
await app.ready();
fs.writeFileSync('docs/openapi.json', openApiText(app.swagger()));
await app.close();
await database.close();
fs.rmSync(dir, { recursive: true, force: true });
process.stdout.write('docs/openapi.json written\n');
