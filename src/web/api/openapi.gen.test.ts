import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_TYPES_FILE, openApiTypes } from '../../../scripts/openapi-types';

describe('the web client is generated from the committed OpenAPI document', () => {
  it('src/web/api/openapi.gen.ts is what openapi-typescript makes of docs/openapi.json (run `npm run openapi`)', async () => {
    const committed = fs.readFileSync(OPENAPI_TYPES_FILE, 'utf8');
    expect(committed === (await openApiTypes(fs.readFileSync('docs/openapi.json', 'utf8')))).toBe(true);
  });
});
