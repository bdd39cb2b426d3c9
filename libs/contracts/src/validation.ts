// Checks an event's data against its type's schema at its version: Ajv's 2020-12 build in strict mode, so a
// schema Ajv would have to guess about fails at load rather than passing data through.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import { DERIVED_EVENT_SCHEMAS } from './derived.js';
import { EVENT_SCHEMAS } from './events/index.js';

// ajv-formats is CommonJS: TypeScript (nodenext) types its default import as the module object, whose
// `default` is the plugin; at run time both the module and its `default` are the plugin.
const addFormats = formats.default;

/** The outcome of a validation: every failure, each naming where in `data` it is. */
export type EventDataValidation = { readonly ok: true } | { readonly ok: false; readonly errors: string[] };

/** A new strict Ajv (2020-12, formats) that knows no schema yet; the contract tests use it too. */
export function strictAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return ajv;
}

let compiled: Map<string, ValidateFunction> | undefined;

function validators(): Map<string, ValidateFunction> {
  if (compiled === undefined) {
    const ajv = strictAjv();
    compiled = new Map(
      [...EVENT_SCHEMAS, ...DERIVED_EVENT_SCHEMAS].map((e) => [
        `${e.type}@${e.version}`,
        ajv.compile(e.schema),
      ]),
    );
  }
  return compiled;
}

/**
 * Whether `data` is valid data of `type` (a recorded or a derived event type) at schema `version`; an unknown type
 * or version is a failure.
 */
export function validateEventData(type: string, version: number, data: unknown): EventDataValidation {
  const validate = validators().get(`${type}@${version}`);
  if (validate === undefined) {
    return { ok: false, errors: [`no schema for ${type} at schema version ${version}`] };
  }
  if (validate(data)) return { ok: true };
  return {
    ok: false,
    errors: (validate.errors ?? []).map((e) => {
      const extra =
        e.keyword === 'additionalProperties'
          ? ` (${String((e.params as { additionalProperty: string }).additionalProperty)})`
          : '';
      return `${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`;
    }),
  };
}

/** Data that is not valid for its type and version. */
export class InvalidEventDataError extends Error {
  constructor(
    readonly type: string,
    readonly version: number,
    readonly errors: readonly string[],
  ) {
    super(`${type} v${version} data is not valid: ${errors.join('; ')}`);
  }
}

/** Throws InvalidEventDataError listing every failure unless `data` is valid data of `type` at `version`. */
export function assertEventData(type: string, version: number, data: unknown): void {
  const result = validateEventData(type, version, data);
  if (!result.ok) throw new InvalidEventDataError(type, version, result.errors);
}
