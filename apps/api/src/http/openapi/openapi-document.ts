import { type INestApplication, ParseUUIDPipe, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ModulesContainer } from '@nestjs/core';
import {
  DocumentBuilder,
  type MediaTypeObject,
  type OpenAPIObject,
  type OperationObject,
  type ParameterObject,
  type PathItemObject,
  type ReferenceObject,
  type ResponseObject,
  type SchemaObject,
  SwaggerModule,
} from '@nestjs/swagger';
import { CLASSIFICATIONS, ROLES } from '#domain';
import { ACCESS_RULE, type AccessRule, rolesOf } from '../../auth/access.js';
import { CountryCodePipe } from '../country-code.pipe.js';
import { VENDOR_ID_PATTERN, VendorIdPipe } from '../id-param.pipe.js';
import { FIELD_ERROR_SCHEMA, PROBLEM_SCHEMA, problemResponse, problemStatuses } from './problems.js';
import { RESPONSE_METADATA, RESPONSE_SCHEMAS, type ResponseSchemaName } from './read-models.js';
import { requestSchemas, SCHEMA_PREFIX, withDefaults } from './request-schemas.js';

/** The security scheme's name in components.securitySchemes. */
export const BEARER_SCHEME = 'bearer';

/** Where the document and its page are served. */
export const OPENAPI_JSON_PATH = '/openapi.json';
export const DOCS_PATH = '/docs';

const AUTH_DESCRIPTION = [
  'A JWT access token (`Authorization: Bearer <token>`), verified against the configured issuer, audience and keys.',
  `Claims: \`sub\` (who records), \`role\` (one of ${ROLES.map((r) => `\`${r}\``).join(', ')}), \`clearance\``,
  `(${CLASSIFICATIONS.map((c) => `\`${c}\``).join(' < ')}: reads return only entries at most at that level), and`,
  'for desk officers `countries` (ISO 3166-1 alpha-2 codes, or `*`): the countries they record and read.',
  'Reads (`/v1` GET) are open to every role within its countries and clearance; recording and changing entries to',
  'desk officers for their countries; the vendor registry and `/metrics` to the roles each operation names.',
  'A missing or bad token is 401 with a `WWW-Authenticate: Bearer` challenge; a role, country or level the token',
  'does not allow is 403.',
].join(' ');

/** One route as Nest knows it: its controller, handler, access rule and the types its parameters bind. */
interface Route {
  readonly controller: Type<unknown>;
  readonly method: string;
  readonly httpMethod: RequestMethod;
  readonly rule: AccessRule | undefined;
  readonly body?: Type<unknown>;
  readonly query?: Type<unknown>;
  readonly pathPipes: ReadonlyMap<string, readonly unknown[]>;
  readonly responseSchema?: ResponseSchemaName;
}

interface RouteArgument {
  readonly index: number;
  readonly data?: string;
  readonly pipes?: readonly unknown[];
}

/** Every route handler of every controller in the app, read from Nest's own metadata. */
function routesOf(app: INestApplication): Route[] {
  const routes: Route[] = [];
  const seen = new Set<unknown>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<unknown> | null;
      if (!controller || seen.has(controller)) continue;
      seen.add(controller);
      const prototype = controller.prototype as Record<string, unknown>;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[method];
        if (method === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const httpMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<
          string,
          RouteArgument
        >;
        const types = (Reflect.getMetadata('design:paramtypes', prototype, method) ?? []) as Type<unknown>[];
        let body: Type<unknown> | undefined;
        let query: Type<unknown> | undefined;
        const pathPipes = new Map<string, readonly unknown[]>();
        for (const [key, argument] of Object.entries(args)) {
          const kind = Number(key.split(':')[0]);
          if (kind === RouteParamtypes.BODY && argument.data === undefined) body = types[argument.index];
          if (kind === RouteParamtypes.QUERY && argument.data === undefined) query = types[argument.index];
          if (kind === RouteParamtypes.PARAM && argument.data)
            pathPipes.set(argument.data, argument.pipes ?? []);
        }
        routes.push({
          controller,
          method,
          httpMethod,
          rule: (Reflect.getMetadata(ACCESS_RULE, handler) ?? Reflect.getMetadata(ACCESS_RULE, controller)) as
            | AccessRule
            | undefined,
          ...(body ? { body } : {}),
          ...(query ? { query } : {}),
          pathPipes,
          responseSchema: Reflect.getMetadata(RESPONSE_METADATA, handler) as ResponseSchemaName | undefined,
        });
      }
    }
  }
  return routes;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * Operation ids from the controller's name (one use case per controller): `recordEnvoyMeeting`; a controller
 * with several handlers adds the handler's name: `closeIncentiveOfferAccept`, `healthLive`.
 */
function operationIdOf(controller: string, method: string, handlers: number): string {
  const base = lowerFirst(controller.replace(/(Http)?Controller$/, ''));
  return handlers > 1 ? `${base}${method.charAt(0).toUpperCase()}${method.slice(1)}` : base;
}

/** "recordEnvoyMeeting" → "Record envoy meeting". */
function summaryOf(operationId: string): string {
  const words = operationId.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isUuidPipe(pipe: unknown): boolean {
  return pipe === ParseUUIDPipe || pipe instanceof ParseUUIDPipe;
}

/** The schema of a path value, from the pipe that checks it. */
function pathSchema(pipes: readonly unknown[]): SchemaObject {
  for (const pipe of pipes) {
    if (pipe === CountryCodePipe || pipe instanceof CountryCodePipe) {
      return {
        type: 'string',
        pattern: '^[A-Za-z]{2}$',
        description: 'An assigned ISO 3166-1 alpha-2 country code, in either case.',
      };
    }
    if (pipe === VendorIdPipe || pipe instanceof VendorIdPipe) {
      return { type: 'string', pattern: VENDOR_ID_PATTERN.source, description: 'A vendor id, e.g. huawei.' };
    }
    if (isUuidPipe(pipe))
      return { type: 'string', format: 'uuid', description: 'The id of an entry (a UUID).' };
  }
  return { type: 'string' };
}

const IDEMPOTENCY_KEY: ParameterObject = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Makes the command safe to retry: a retry with the same key and request (method, path, body) gets the first ' +
    'answer and writes nothing; the same key with another request is 422 IDEMPOTENCY_KEY_REUSED. Kept per caller ' +
    'for at least 24 hours.',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,200}$' },
};

const IF_MATCH: ParameterObject = {
  name: 'If-Match',
  in: 'header',
  required: false,
  description:
    'The ETag of the entry as last read or recorded (its stream version, e.g. "3"; "0" for a new entry): a change ' +
    'made on stale state is refused with 412 STALE_VERSION naming the current version. Malformed: 400.',
  schema: { type: 'string', pattern: '^(?:W/)?"\\d{1,9}"$|^\\*$' },
};

const CORRELATION_ID: ParameterObject = {
  name: 'X-Correlation-Id',
  in: 'header',
  required: false,
  description:
    'A UUID tying requests of one piece of work together; kept on the events (generated when absent).',
  schema: { type: 'string', format: 'uuid' },
};

const ETAG_HEADER = {
  description: 'The stream version, quoted: send it as If-Match to change the entry.',
  schema: { type: 'string', pattern: '^"\\d+"$' },
};

function jsonContent(schema: SchemaObject | ReferenceObject): ResponseObject['content'] {
  return { 'application/json': { schema } };
}

/** The success response of an operation: the recorded reply of a command, else the handler's read model. */
function successResponse(route: Route, operationId: string): [string, ResponseObject] {
  if (route.httpMethod === RequestMethod.POST) {
    return [
      '201',
      {
        description: 'Recorded (or, for a retry with the same Idempotency-Key, the first answer again).',
        headers: {
          Location: {
            description: 'The entry: /v1/entries/{eventId}.',
            schema: { type: 'string' },
          },
          ETag: ETAG_HEADER,
        },
        content: jsonContent({ $ref: `${SCHEMA_PREFIX}EntryRecorded` }),
      },
    ];
  }
  if (route.responseSchema) {
    return [
      '200',
      {
        description: 'OK',
        ...(route.responseSchema === 'EntryView' ? { headers: { ETag: ETAG_HEADER } } : {}),
        content: jsonContent({ $ref: `${SCHEMA_PREFIX}${route.responseSchema}` }),
      },
    ];
  }
  if (operationId === 'metrics') {
    return [
      '200',
      {
        description: 'Prometheus text exposition format.',
        content: { 'text/plain': { schema: { type: 'string' } } },
      },
    ];
  }
  return ['200', { description: 'OK', content: jsonContent({ type: 'object' }) }];
}

function operations(document: OpenAPIObject): Map<string, OperationObject> {
  const found = new Map<string, OperationObject>();
  for (const item of Object.values(document.paths) as PathItemObject[]) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const operation = item[method];
      if (operation?.operationId) found.set(operation.operationId, operation);
    }
  }
  return found;
}

/** Every schema `document` refers to, directly or through other schemas. */
function referenced(document: unknown, schemas: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(SCHEMA_PREFIX)) {
        const name = child.slice(SCHEMA_PREFIX.length).split('/')[0] as string;
        if (!names.has(name)) {
          names.add(name);
          visit(schemas[name]);
        }
      } else visit(child);
    }
  };
  visit(document);
  return names;
}

/**
 * The OpenAPI 3.1 document of every route Nest serves, built from Nest's route metadata by @nestjs/swagger,
 * with each request DTO's schema derived from its class-validator metadata, the problems each operation can
 * answer, the headers it reads and sends, the bearer scheme where a token is needed, and the success bodies'
 * schemas (./read-models.ts).
 */
export function buildOpenApiDocument(app: INestApplication, version = '0.1.0'): OpenAPIObject {
  const routes = routesOf(app);
  const handlers = new Map<string, number>();
  for (const route of routes)
    handlers.set(route.controller.name, (handlers.get(route.controller.name) ?? 0) + 1);
  const idOf = (controller: string, method: string) =>
    operationIdOf(controller, method, handlers.get(controller) ?? 1);

  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('demarche')
    .setDescription(
      'An event-sourced record of diplomatic engagement over critical infrastructure. Every error is ' +
        '`application/problem+json` (RFC 7807) with a stable `code`. Requests refused before any route runs are ' +
        'problem+json too: 400 malformed request line, header or percent-encoding, 408 request not received in ' +
        'time, 413 body over the limit, 414 path segment over 100 characters, 431 oversized headers.',
    )
    .setVersion(version)
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: AUTH_DESCRIPTION },
      BEARER_SCHEME,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: idOf });

  const dtoSchemas = requestSchemas();
  const allSchemas: Record<string, SchemaObject> = {
    ...dtoSchemas,
    ...(RESPONSE_SCHEMAS as Record<string, SchemaObject>),
    Problem: PROBLEM_SCHEMA,
    FieldError: FIELD_ERROR_SCHEMA,
  };
  const byId = operations(document);
  for (const route of routes) {
    const operationId = idOf(route.controller.name, route.method);
    const operation = byId.get(operationId);
    if (!operation) continue;
    const isPublic = route.rule?.kind === 'public';
    // The bulk import is a POST that streams a file in and answers its report; its lines are commands.
    const isImport = route.httpMethod === RequestMethod.POST && route.responseSchema === 'ImportReport';
    const isCommand = route.httpMethod === RequestMethod.POST && !isImport;
    operation.summary = operation.summary ?? summaryOf(operationId);
    const isOperations = operationId.startsWith('health') || operationId === 'metrics';
    operation.tags = [isCommand ? 'Record and change' : isOperations ? 'Operations' : 'Read'];

    const parameters: ParameterObject[] = [];
    for (const [name, pipes] of route.pathPipes) {
      const { description, ...schema } = pathSchema(pipes);
      parameters.push({
        name,
        in: 'path',
        required: true,
        description: description ?? `The ${name}.`,
        schema,
      });
    }
    if (route.query) {
      const schema = dtoSchemas[route.query.name];
      if (schema) {
        allSchemas[route.query.name] = withDefaults(schema, route.query as new () => object);
        for (const name of Object.keys(schema.properties ?? {})) {
          parameters.push({
            name,
            in: 'query',
            required: schema.required?.includes(name) ?? false,
            schema: { $ref: `${SCHEMA_PREFIX}${route.query.name}/properties/${name}` },
          });
        }
      }
    }
    if (isCommand) parameters.push(IDEMPOTENCY_KEY, IF_MATCH, CORRELATION_ID);
    operation.parameters = parameters;

    if (isImport) {
      const file = (description: string): MediaTypeObject => ({ schema: { type: 'string', description } });
      operation.requestBody = {
        required: true,
        description:
          'The file, streamed: NDJSON, one command a line as `{"command": "record-envoy-meeting", "country": "SY", …the body its route takes}` (`id` for a command on an entry); or CSV of the one `command` named in the query, a header row of field names (dotted for nested fields: `envoys.0.name`, `value.amount`) and a record a row.',
        content: {
          'application/x-ndjson': file('One JSON object a line.'),
          'text/csv': file('RFC 4180, the first row naming the fields.'),
        },
      };
    } else if (route.body) {
      const name = route.body.name;
      if (dtoSchemas[name]) allSchemas[name] = withDefaults(dtoSchemas[name], route.body as new () => object);
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: { $ref: `${SCHEMA_PREFIX}${name}` } } },
      };
    } else {
      delete operation.requestBody;
    }

    const [status, success] = isImport
      ? [
          '201',
          {
            description:
              'The run, done: its counts and the errors of every line it refused (the good lines are recorded). `Location`: the run, `GET` it while it runs for its progress.',
            headers: { Location: { description: '/v1/imports/{id}.', schema: { type: 'string' } } },
            content: jsonContent({ $ref: `${SCHEMA_PREFIX}ImportReport` }),
          } satisfies ResponseObject,
        ]
      : successResponse(route, operationId);
    const responses: Record<string, ResponseObject> = { [status]: success };
    const statuses = problemStatuses({
      isPublic,
      hasBody: route.body !== undefined || isImport,
      hasInput: parameters.length > 0 || route.body !== undefined || isImport,
      isCommand,
      readsEntry: !isCommand && [...route.pathPipes.values()].some((pipes) => pipes.some(isUuidPipe)),
    });
    for (const problem of statuses) responses[String(problem)] = problemResponse(problem);
    if (operationId === 'healthReady') {
      responses['503'] = {
        description: 'Postgres or Kafka does not answer (the health report names which).',
        content: jsonContent({ type: 'object' }),
      };
    }
    operation.responses = responses;
    if (isPublic) operation.security = [];
    else {
      operation.security = [{ [BEARER_SCHEME]: [] }];
      const roles = route.rule ? rolesOf(route.rule) : [];
      operation.description = [
        operation.description,
        `Roles: ${roles.map((r) => `\`${r}\``).join(', ')}` +
          (route.rule?.kind === 'record'
            ? ', for the countries the token lists.'
            : route.rule?.kind === 'read'
              ? ', within the countries and clearance of the token.'
              : '.'),
      ]
        .filter(Boolean)
        .join('\n\n');
    }
  }

  // Only the schemas the document uses: class-validator also knows classes that are not request bodies.
  const used = referenced(document.paths, allSchemas);
  used.add('Problem').add('FieldError');
  document.components = {
    ...document.components,
    schemas: Object.fromEntries([...used].sort().map((name) => [name, allSchemas[name] as SchemaObject])),
  };
  document.tags = [
    { name: 'Record and change', description: 'Commands: each records one event and answers 201.' },
    { name: 'Read', description: 'Timelines, entries, registers, dependency figures, search.' },
    { name: 'Operations', description: 'Health and metrics.' },
  ];
  return document;
}
