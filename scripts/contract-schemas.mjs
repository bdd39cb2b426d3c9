// Writes the JSON Schema of every event type's data, at every schema version, to libs/contracts/schemas
// (events/<Type>/v<n>.json), from the TypeBox sources as `npm run build` compiled them to dist/:
//
//   npm run contracts:schemas          (builds, then runs this)
//   node scripts/contract-schemas.mjs  (after npm run build)
//
// A published version never changes: this script refuses to overwrite a committed file with different content
// (add version N+1 with an upcaster instead). tests/unit/contracts/compatibility.unit.spec.ts fails in npm test
// when a version is missing here or differs from what the code generates.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist/libs/contracts/src/index.js');
if (!existsSync(built)) {
  console.error(`scripts/contract-schemas.mjs: ${built} is missing; run npm run build first`);
  process.exit(2);
}
const { schemaFiles } = await import(built);
const out = join(root, 'libs/contracts/schemas');

let written = 0;
const changed = [];
for (const file of schemaFiles()) {
  const target = join(out, file.path);
  if (existsSync(target)) {
    if (readFileSync(target, 'utf8') !== file.json) changed.push(`${file.type} v${file.version}`);
    continue;
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, file.json);
  written += 1;
}
console.log(`contract schemas: ${written} written to ${out}`);
if (changed.length > 0) {
  console.error(
    `published schema versions changed, left as committed: ${changed.join(', ')}.\n` +
      'A published schema version never changes: add version N+1 with an upcaster instead.',
  );
  process.exit(1);
}
