// A published schema version is a promise to consumers: it never changes. The committed files under
// libs/contracts/schemas are what was published; the code must still generate exactly them, and every version
// the code has must be committed (and so served at its `ce_dataschema`).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SchemaFile, schemaFiles } from '#contracts';

const SCHEMAS = join(process.cwd(), 'libs/contracts/schemas');

/** What is wrong between the committed files and the generated ones: one line each, none when they agree. */
function compatibilityProblems(
  generated: readonly SchemaFile[],
  committed: (path: string) => string | undefined,
): string[] {
  return generated.flatMap((file) => {
    const published = committed(file.path);
    if (published === undefined) {
      return [`${file.type} v${file.version} is not committed (${file.path}): run npm run contracts:schemas`];
    }
    if (published !== file.json) {
      return [
        `${file.type} v${file.version} changed: a published schema version never changes — add version ${file.version + 1} with an upcaster instead`,
      ];
    }
    return [];
  });
}

function committedFile(path: string): string | undefined {
  const file = join(SCHEMAS, path);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

describe('schema compatibility', () => {
  const generated = schemaFiles();

  it('generates every committed schema version exactly, and every version is committed', () => {
    expect(compatibilityProblems(generated, committedFile)).toEqual([]);
  });

  it('keeps every committed version in the code (a published version is never removed)', () => {
    const inCode = new Set(generated.map((f) => f.path));
    const committed = ['events', 'derived'].flatMap((folder) =>
      readdirSync(join(SCHEMAS, folder), { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .flatMap((d) => readdirSync(join(SCHEMAS, folder, d.name)).map((v) => `${folder}/${d.name}/${v}`)),
    );
    expect(committed.filter((path) => !inCode.has(path))).toEqual([]);
    expect(committed.length).toBe(generated.length);
  });

  it('reports a changed version and a missing one', () => {
    const [first, second] = generated as [SchemaFile, SchemaFile, ...SchemaFile[]];
    const changed = (path: string) => {
      const text = committedFile(path);
      if (path !== first.path || text === undefined) return text;
      const schema = JSON.parse(text);
      schema.properties[Object.keys(schema.properties)[0] as string] = { type: 'number' };
      return `${JSON.stringify(schema, null, 2)}\n`;
    };
    expect(compatibilityProblems(generated, changed)).toEqual([
      `${first.type} v${first.version} changed: a published schema version never changes — add version ${first.version + 1} with an upcaster instead`,
    ]);
    const missing = (path: string) => (path === second.path ? undefined : committedFile(path));
    expect(compatibilityProblems(generated, missing)).toEqual([
      `${second.type} v${second.version} is not committed (${second.path}): run npm run contracts:schemas`,
    ]);
    const newVersion = { ...first, version: 9, path: `events/${first.type}/v9.json` };
    expect(compatibilityProblems([...generated, newVersion], committedFile)).toEqual([
      `${first.type} v9 is not committed (events/${first.type}/v9.json): run npm run contracts:schemas`,
    ]);
  });

  it('commits each schema as the JSON document served at its $id, valid for a strict 2020-12 Ajv', async () => {
    const { strictAjv } = await import('#contracts');
    const ajv = strictAjv();
    for (const file of generated) {
      const document = JSON.parse(file.json);
      expect(document.$id).toBe(`/schemas/${file.path}`);
      expect(() => ajv.compile(document)).not.toThrow();
    }
  });
});
