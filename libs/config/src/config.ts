import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

/** The issuer of tokens signed with the development key `npm start` generates. */
export const DEV_ISSUER = 'demarche-dev';
/** Key ids of development keys start with this; a production configuration refuses them. */
export const DEV_KEY_ID_PREFIX = 'demarche-dev-';
const ASYMMETRIC = ['EdDSA', 'ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
const ALGORITHM_LIST = new RegExp(`^(${ASYMMETRIC.join('|')})(,(${ASYMMETRIC.join('|')}))*$`);

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

/** Every setting the apps read from the environment, with its default. */
class Environment {
  @Transform(toInt) @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @IsString() @IsNotEmpty() HOST = '127.0.0.1';
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/demarche';
  /** Where the API's queries read the read models: a streaming replica takes them off the primary. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'READ_DATABASE_URL must be a postgres:// URL' })
  READ_DATABASE_URL?: string;
  @Matches(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port…]' })
  KAFKA_BROKERS = '127.0.0.1:9092';
  @IsString() @IsNotEmpty() KAFKA_CLIENT_ID = 'demarche';
  @Matches(/^[a-zA-Z0-9._-]+$/) KAFKA_TOPIC_PREFIX = 'demarche';
  @Transform(toInt) @IsInt() @Min(1) @Max(1000) KAFKA_PARTITIONS = 6;
  @Transform(toInt) @IsInt() @Min(1) @Max(5) KAFKA_REPLICATION_FACTOR = 1;
  /** The principal this process is to the broker; empty: no SASL (a PLAINTEXT broker). */
  @IsString() KAFKA_SASL_USERNAME = '';
  @IsString() KAFKA_SASL_PASSWORD = '';
  @IsIn(['scram-sha-512', 'scram-sha-256', 'plain']) KAFKA_SASL_MECHANISM = 'scram-sha-512';
  @Matches(/^[a-zA-Z0-9._-]+$/) PROJECTOR_GROUP_ID = 'demarche-projector';
  @Transform(toInt) @IsInt() @Min(1) @Max(5_000) PROJECTOR_TX_SIZE = 100;
  @Transform(toInt) @IsInt() @Min(1) @Max(64) PROJECTOR_CONCURRENCY = 4;
  @Transform(toInt) @IsInt() @Min(1) @Max(10_000) RELAY_BATCH_SIZE = 500;
  @Transform(toInt) @IsInt() @Min(5) @Max(60_000) RELAY_POLL_MS = 50;
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000) RELAY_MAX_BACKOFF_MS = 5_000;
  @Transform(toInt) @IsInt() @Min(1024) @Max(10 * 1024 * 1024) HTTP_BODY_LIMIT_BYTES = 256 * 1024;
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000) HTTP_HEADERS_TIMEOUT_MS = 10_000;
  @Transform(toInt) @IsInt() @Min(100) @Max(3_600_000) HTTP_REQUEST_TIMEOUT_MS = 30_000;
  @Transform(toInt) @IsInt() @Min(100) @Max(600_000) HTTP_KEEP_ALIVE_TIMEOUT_MS = 5_000;
  @Transform(toInt) @IsInt() @Min(1) @Max(100_000) HTTP_MAX_CONNECTIONS = 256;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
  /** How often the API's scheduler runs its time-based jobs; 0 turns it off. */
  @Transform(toInt) @IsInt() @Min(0) @Max(86_400_000) SCHEDULER_INTERVAL_MS = 60_000;
  /** Connections of the API's pool for reads (timelines, registers, figures, search), apart from the writes'. */
  @Transform(toInt) @IsInt() @Min(1) @Max(200) READ_POOL_SIZE = 8;
  /** How long one read's SQL statement may run before Postgres cancels it (the read answers 503). */
  @Transform(toInt) @IsInt() @Min(10) @Max(600_000) READ_STATEMENT_TIMEOUT_MS = 5_000;
  @IsString() NODE_ENV = 'development';
  /** Tokens must name this issuer (`iss`) and audience (`aud`). */
  @IsString() @IsNotEmpty() AUTH_ISSUER = DEV_ISSUER;
  @IsString() @IsNotEmpty() AUTH_AUDIENCE = 'demarche';
  /** Signature algorithms accepted, comma-separated: asymmetric ones only (never `none` or a shared secret). */
  @Matches(ALGORITHM_LIST, {
    message: `AUTH_ALGORITHMS must be a comma-separated list of ${ASYMMETRIC.join(', ')}`,
  })
  AUTH_ALGORITHMS = 'EdDSA,ES256,RS256';
  /** An OIDC provider's key set (`jwks_uri`), fetched, cached and fetched again for an unknown `kid`… */
  @IsString() AUTH_JWKS_URL = '';
  /** …or one public key, as a JWK (JSON) or PEM (SPKI). */
  @IsString() AUTH_PUBLIC_KEY = '';
  @Transform(toInt) @IsInt() @Min(0) @Max(300) AUTH_CLOCK_TOLERANCE_S = 5;
  /**
   * The development key's private half (a JWK): set by `npm start` so that the web app's sign-in page can mint
   * demo tokens (POST /auth/demo-token). Never in production: the API refuses to start with it there.
   */
  @IsString() AUTH_DEV_SIGNING_KEY = '';
  /**
   * The web app's sign-in through an OpenID Connect provider (authorization code + PKCE): the provider's issuer
   * (its discovery document is at `<issuer>/.well-known/openid-configuration`)…
   */
  @IsString() AUTH_OIDC_ISSUER_URL = '';
  /** …the web app's client id there (a public client: no secret, PKCE, redirect URI `<origin>/auth/callback`)… */
  @IsString() AUTH_OIDC_CLIENT_ID = '';
  /** …the scopes it asks for (space-separated, `openid` among them)… */
  @Matches(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, {
    message: 'AUTH_OIDC_SCOPES must be space-separated scope names',
  })
  AUTH_OIDC_SCOPES = 'openid profile';
  /** …and, if the provider needs one to issue access tokens for this API, its resource indicator (RFC 8707). */
  @IsString() AUTH_OIDC_RESOURCE = '';
  /** The provider's name on the sign-in button ("Sign in with …"); the issuer's host by default. */
  @IsString() AUTH_OIDC_PROVIDER_NAME = '';
  /** Requests a minute per signed-in subject and per client address; 429 with Retry-After beyond. */
  @Transform(toInt) @IsInt() @Min(1) @Max(10_000_000) RATE_LIMIT_PER_SUBJECT = 1_200;
  @Transform(toInt) @IsInt() @Min(1) @Max(10_000_000) RATE_LIMIT_PER_IP = 2_400;
  /** Origins allowed to call the API from a browser, comma-separated; none by default. */
  @IsString() CORS_ORIGINS = '';
  /**
   * The API's address as its users and downstream services reach it (http(s)://host[:port], no path): events name
   * their schema under it (`ce_dataschema`). Default: http://HOST:PORT.
   */
  @IsString() PUBLIC_BASE_URL = '';
}

/** Typed, validated configuration shared by the apps. */
export interface AppConfig {
  readonly http: {
    readonly port: number;
    readonly host: string;
    readonly bodyLimitBytes: number;
    /** A client must send its request headers within this… */
    readonly headersTimeoutMs: number;
    /** …and the whole request within this; an idle keep-alive connection is closed after keepAliveTimeoutMs. */
    readonly requestTimeoutMs: number;
    readonly keepAliveTimeoutMs: number;
    /** Open connections beyond this are answered 503 and closed. */
    readonly maxConnections: number;
  };
  readonly databaseUrl: string;
  readonly kafka: {
    readonly brokers: readonly string[];
    readonly clientId: string;
    readonly topicPrefix: string;
    readonly partitions: number;
    readonly replicationFactor: number;
    /** Absent when the broker takes PLAINTEXT clients. */
    readonly sasl?: {
      readonly mechanism: 'scram-sha-512' | 'scram-sha-256' | 'plain';
      readonly username: string;
      readonly password: string;
    };
  };
  readonly projector: {
    readonly groupId: string;
    readonly transactionSize: number;
    /** Partitions applied at once, each on a connection of its own. */
    readonly concurrency: number;
  };
  readonly relay: { readonly batchSize: number; readonly pollMs: number; readonly maxBackoffMs: number };
  /** Time-based jobs in the API (lapsing offers…): every `intervalMs`, or never when 0. */
  readonly scheduler: { readonly intervalMs: number };
  /** The reads' own pool: its size, and how long a statement on it may run. */
  /** The queries' own pool: where it reads (DATABASE_URL unless READ_DATABASE_URL), its size, its statement limit. */
  readonly reads: {
    readonly databaseUrl: string;
    readonly poolSize: number;
    readonly statementTimeoutMs: number;
  };
  readonly logLevel: string;
  readonly production: boolean;
  readonly auth: {
    readonly issuer: string;
    readonly audience: string;
    readonly algorithms: readonly string[];
    readonly jwksUrl?: string;
    readonly publicKey?: string;
    readonly clockToleranceSec: number;
    /** The private JWK that signs demo tokens; absent: no demo sign-in. */
    readonly devSigningKey?: string;
    /** The OIDC provider the web app signs in through; absent: none. Its issuer is then `issuer`. */
    readonly oidc?: OidcSignIn;
  };
  readonly rateLimit: { readonly perSubjectPerMinute: number; readonly perIpPerMinute: number };
  readonly corsOrigins: readonly string[];
  /** The API's public address (no trailing slash): the base of every event's `ce_dataschema`. */
  readonly publicBaseUrl: string;
}

/** What the web app needs to sign in through an OpenID Connect provider (authorization code + PKCE). */
export interface OidcSignIn {
  /** Shown on the sign-in button. */
  readonly name: string;
  readonly issuer: string;
  readonly clientId: string;
  readonly scopes: string;
  /** Sent as `resource` (RFC 8707) in the authorization and token requests when set. */
  readonly resource?: string;
}

export class ConfigError extends Error {}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function urlOf(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * The OIDC settings, checked against the rest of the token settings: the API verifies the access tokens the provider
 * issues, so its issuer is the provider's (AUTH_ISSUER, when given, must say the same), its keys come from the
 * provider's key set (AUTH_JWKS_URL, not AUTH_PUBLIC_KEY), and the development key's demo sign-in, whose tokens
 * would no longer verify, is refused. Answers the settings, or the problems as lines of the configuration error.
 */
function oidcSettings(
  e: Environment,
  given: Record<string, unknown>,
): { oidc?: OidcSignIn; problems: string[] } {
  const problems: string[] = [];
  const issuer = e.AUTH_OIDC_ISSUER_URL;
  const clientId = e.AUTH_OIDC_CLIENT_ID;
  if (!issuer && !clientId) {
    if (e.AUTH_OIDC_RESOURCE) problems.push('  AUTH_OIDC_RESOURCE: only with AUTH_OIDC_ISSUER_URL');
    return { problems };
  }
  if (!issuer) problems.push('  AUTH_OIDC_ISSUER_URL: required with AUTH_OIDC_CLIENT_ID');
  if (!clientId) problems.push('  AUTH_OIDC_CLIENT_ID: required with AUTH_OIDC_ISSUER_URL');
  if (issuer) {
    const url = urlOf(issuer);
    if (
      !url ||
      !(url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))) ||
      url.search ||
      url.hash ||
      url.username
    ) {
      problems.push(
        "  AUTH_OIDC_ISSUER_URL: must be the provider's issuer, an https:// URL without query or fragment " +
          '(http:// only on localhost)',
      );
    }
    if ('AUTH_ISSUER' in given && e.AUTH_ISSUER !== issuer) {
      problems.push(
        `  AUTH_ISSUER: must be the OIDC provider's issuer "${issuer}" (the API verifies the access tokens it ` +
          'issues), or be left unset to take it from AUTH_OIDC_ISSUER_URL',
      );
    }
  }
  if (!e.AUTH_JWKS_URL) {
    problems.push(
      "  AUTH_JWKS_URL: required with AUTH_OIDC_ISSUER_URL: the provider's jwks_uri (in its " +
        '/.well-known/openid-configuration), whose keys sign the access tokens the API verifies',
    );
  }
  if (e.AUTH_PUBLIC_KEY) {
    problems.push(
      "  AUTH_PUBLIC_KEY: not with AUTH_OIDC_ISSUER_URL: the provider's key set (AUTH_JWKS_URL) verifies its tokens",
    );
  }
  if (e.AUTH_DEV_SIGNING_KEY) {
    problems.push(
      "  AUTH_DEV_SIGNING_KEY: not with AUTH_OIDC_ISSUER_URL: the API verifies the provider's tokens, so demo " +
        'tokens would not verify; unset one of them',
    );
  }
  if (!e.AUTH_OIDC_SCOPES.split(' ').includes('openid')) {
    problems.push('  AUTH_OIDC_SCOPES: must include openid');
  }
  if (e.AUTH_OIDC_RESOURCE) {
    const resource = urlOf(e.AUTH_OIDC_RESOURCE);
    if (!resource || resource.hash) {
      problems.push('  AUTH_OIDC_RESOURCE: must be an absolute URI without a fragment (RFC 8707)');
    }
  }
  if (problems.length > 0) return { problems };
  return {
    problems,
    oidc: {
      name: e.AUTH_OIDC_PROVIDER_NAME.trim() || new URL(issuer).host,
      issuer,
      clientId,
      scopes: e.AUTH_OIDC_SCOPES,
      ...(e.AUTH_OIDC_RESOURCE ? { resource: e.AUTH_OIDC_RESOURCE } : {}),
    },
  };
}

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new Environment());
  const given = Object.fromEntries(Object.entries(env).filter(([k, v]) => known.includes(k) && v !== ''));
  const e = plainToInstance(Environment, given);
  const errors = validateSync(e, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const lines = errors.flatMap((err) =>
      Object.values(err.constraints ?? {}).map((m) => `  ${err.property}: ${m}`),
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (e.KAFKA_SASL_USERNAME && !e.KAFKA_SASL_PASSWORD) {
    throw new ConfigError('Invalid configuration:\n  KAFKA_SASL_PASSWORD: required with KAFKA_SASL_USERNAME');
  }
  const { oidc, problems } = oidcSettings(e, given);
  const publicBaseUrl =
    e.PUBLIC_BASE_URL || `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`;
  const base = urlOf(publicBaseUrl);
  if (
    !base ||
    !['http:', 'https:'].includes(base.protocol) ||
    base.pathname !== '/' ||
    base.search ||
    base.hash
  ) {
    problems.push('  PUBLIC_BASE_URL: must be an http(s):// URL without path, query or fragment');
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  return {
    http: {
      port: e.PORT,
      host: e.HOST,
      bodyLimitBytes: e.HTTP_BODY_LIMIT_BYTES,
      // Node requires the headers deadline to fall within the request deadline.
      headersTimeoutMs: Math.min(e.HTTP_HEADERS_TIMEOUT_MS, e.HTTP_REQUEST_TIMEOUT_MS),
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_MS,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    },
    databaseUrl: e.DATABASE_URL,
    kafka: {
      brokers: e.KAFKA_BROKERS.split(','),
      clientId: e.KAFKA_CLIENT_ID,
      topicPrefix: e.KAFKA_TOPIC_PREFIX,
      partitions: e.KAFKA_PARTITIONS,
      replicationFactor: e.KAFKA_REPLICATION_FACTOR,
      ...(e.KAFKA_SASL_USERNAME
        ? {
            sasl: {
              mechanism: e.KAFKA_SASL_MECHANISM as 'scram-sha-512' | 'scram-sha-256' | 'plain',
              username: e.KAFKA_SASL_USERNAME,
              password: e.KAFKA_SASL_PASSWORD,
            },
          }
        : {}),
    },
    projector: {
      groupId: e.PROJECTOR_GROUP_ID,
      transactionSize: e.PROJECTOR_TX_SIZE,
      concurrency: e.PROJECTOR_CONCURRENCY,
    },
    relay: { batchSize: e.RELAY_BATCH_SIZE, pollMs: e.RELAY_POLL_MS, maxBackoffMs: e.RELAY_MAX_BACKOFF_MS },
    scheduler: { intervalMs: e.SCHEDULER_INTERVAL_MS },
    reads: {
      databaseUrl: e.READ_DATABASE_URL ?? e.DATABASE_URL,
      poolSize: e.READ_POOL_SIZE,
      statementTimeoutMs: e.READ_STATEMENT_TIMEOUT_MS,
    },
    logLevel: e.LOG_LEVEL,
    production: e.NODE_ENV === 'production',
    auth: {
      issuer: oidc?.issuer ?? e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      algorithms: e.AUTH_ALGORITHMS.split(','),
      ...(e.AUTH_JWKS_URL ? { jwksUrl: e.AUTH_JWKS_URL } : {}),
      ...(e.AUTH_PUBLIC_KEY ? { publicKey: e.AUTH_PUBLIC_KEY } : {}),
      clockToleranceSec: e.AUTH_CLOCK_TOLERANCE_S,
      ...(e.AUTH_DEV_SIGNING_KEY ? { devSigningKey: e.AUTH_DEV_SIGNING_KEY } : {}),
      ...(oidc ? { oidc } : {}),
    },
    rateLimit: { perSubjectPerMinute: e.RATE_LIMIT_PER_SUBJECT, perIpPerMinute: e.RATE_LIMIT_PER_IP },
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    publicBaseUrl: publicBaseUrl.replace(/\/+$/, ''),
  };
}
