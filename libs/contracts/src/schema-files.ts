// The JSON documents of every schema version, exactly as they are committed under libs/contracts/schemas and
// served at `dataSchemaPath`. One serialisation for the generator (scripts/contract-schemas.mjs) and the
// compatibility test, so that they cannot disagree on whitespace.
import { DERIVED_EVENT_SCHEMAS } from './derived.js';
import { EVENT_SCHEMAS } from './events/index.js';

/** The JSON Schema dialect of every data schema. */
export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

/** One schema version as a file: its path under `libs/contracts/schemas` (= under `/schemas`) and its text. */
export interface SchemaFile {
  readonly type: string;
  readonly version: number;
  /** `events/<Type>/v<n>.json`. */
  readonly path: string;
  readonly json: string;
}

/** A schema as a JSON document: `$schema`, `$id`, title and description first, then the rest in their order. */
export function schemaDocument(schema: object): Record<string, unknown> {
  const { $id, title, description, ...rest } = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
  return { $schema: JSON_SCHEMA_DIALECT, $id, title, description, ...rest };
}

/** Every schema version as the file it is committed as: recorded events, then derived ones. */
export function schemaFiles(): SchemaFile[] {
  const file =
    (folder: string) =>
    ({ type, version, schema }: { type: string; version: number; schema: object }) => ({
      type,
      version,
      path: `${folder}/${type}/v${version}.json`,
      json: `${JSON.stringify(schemaDocument(schema), null, 2)}\n`,
    });
  return [...EVENT_SCHEMAS.map(file('events')), ...DERIVED_EVENT_SCHEMAS.map(file('derived'))];
}
