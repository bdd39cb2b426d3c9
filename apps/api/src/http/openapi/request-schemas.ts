import { createRequire } from 'node:module';
import type { SchemaObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';

type Converter = (meta: { constraintCls?: unknown; target: unknown; propertyName: string }) => SchemaObject;

// The storage `@Type` writes to: class-transformer is CommonJS (no ESM entry Node would pick), so this is the very
// instance the DTOs' decorators used.
const { defaultMetadataStorage } = createRequire(import.meta.url)('class-transformer/cjs/storage.js') as {
  defaultMetadataStorage: object;
};

export const SCHEMA_PREFIX = '#/components/schemas/';

/**
 * A custom constraint (`ValidateBy`: money amounts, currency codes, calendar dates, country codes) has no JSON
 * Schema keyword: its property keeps the type TypeScript declared, and the description is the constraint's own
 * message, so the document says what the server checks in the server's words.
 */
const customConstraint: Converter = (meta) => {
  const type = Reflect.getMetadata(
    'design:type',
    (meta.target as { prototype: object }).prototype,
    meta.propertyName,
  );
  const base: SchemaObject =
    type === String
      ? { type: 'string' }
      : type === Number
        ? { type: 'number' }
        : type === Boolean
          ? { type: 'boolean' }
          : {};
  const constraint = meta.constraintCls
    ? getMetadataStorage().getTargetValidatorConstraints(meta.constraintCls as never)[0]
    : undefined;
  const instance = constraint?.instance as { defaultMessage?: (args?: unknown) => string } | undefined;
  let message: string | undefined;
  try {
    message = instance?.defaultMessage?.({ property: meta.propertyName, value: undefined, constraints: [] });
  } catch {
    message = undefined;
  }
  return message ? { ...base, description: message.replace(/\$property/g, meta.propertyName) } : base;
};

/**
 * JSON Schemas of every class class-validator knows (the request DTOs and the classes they nest), from their
 * validation metadata: the constraints the server enforces, never a second copy. Nested DTOs are `$ref`s into
 * components.schemas. A property's initial value (e.g. `limit = 50`) becomes its `default`.
 */
export function requestSchemas(): Record<string, SchemaObject> {
  const schemas = validationMetadatasToSchemas({
    refPointerPrefix: SCHEMA_PREFIX,
    classTransformerMetadataStorage: defaultMetadataStorage as never,
    // `customValidation` is ValidationTypes.CUSTOM_VALIDATION: every constraint with no converter of its own.
    additionalConverters: { customValidation: customConstraint } as never,
  }) as Record<string, SchemaObject>;
  return schemas;
}

/**
 * A property whose initial value is null takes null (the DTO's rules skip it then, `ValidateIf`), which
 * class-validator's metadata does not say in a way the generator reads.
 */
function nullable(property: SchemaObject): SchemaObject {
  const { description, ...rest } = property;
  return { ...(description ? { description } : {}), anyOf: [rest, { type: 'null' }] };
}

/** Adds each property's initial value, read from a fresh instance of the DTO, as its `default`. */
export function withDefaults(schema: SchemaObject, dto: new () => object): SchemaObject {
  let instance: Record<string, unknown>;
  try {
    instance = new dto() as Record<string, unknown>;
  } catch {
    return schema;
  }
  const properties = { ...(schema.properties ?? {}) } as Record<string, SchemaObject>;
  for (const [name, property] of Object.entries(properties)) {
    const value = instance[name];
    if (value === null) properties[name] = { ...nullable(property), default: null };
    else if (value !== undefined) properties[name] = { ...property, default: value };
  }
  return { ...schema, properties };
}
