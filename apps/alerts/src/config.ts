import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import { CLASSIFICATION_LEVELS, type ClassificationLevel } from '#contracts';

// The alerts service reads its own settings: it shares no code with demarche's apps but the public contract
// (libs/contracts). Names it shares with them (DATABASE_URL, KAFKA_*, AUTH_*) mean the same there.

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

/** A webhook the service POSTs alerts to: the alerts of the levels and countries it may receive. */
export interface Webhook {
  /** A short name, unique among the webhooks: deliveries and the dead-letter list name it. */
  readonly name: string;
  readonly url: string;
  /** The HMAC-SHA256 key of the signature header. */
  readonly secret: string;
  /** The highest level it receives. */
  readonly clearance: ClassificationLevel;
  /** The countries it receives, or all. */
  readonly countries: readonly string[] | 'all';
}

export interface AlertsConfig {
  readonly http: { readonly host: string; readonly port: number };
  readonly databaseUrl: string;
  readonly kafka: {
    readonly brokers: string[];
    readonly clientId: string;
    readonly topicPrefix: string;
    readonly groupId: string;
    readonly sasl?: {
      readonly mechanism: 'scram-sha-512' | 'scram-sha-256' | 'plain';
      readonly username: string;
      readonly password: string;
    };
    /** How often it looks again for topics its credentials let it read (a derived topic created later). */
    readonly topicRefreshMs: number;
  };
  readonly auth: {
    readonly issuer: string;
    readonly audience: string;
    readonly algorithms: string[];
    readonly jwksUrl?: string;
    readonly publicKey?: string;
    readonly clockToleranceSec: number;
  };
  readonly webhooks: readonly Webhook[];
  readonly delivery: {
    /** Attempts before a delivery goes to the dead-letter list. */
    readonly maxAttempts: number;
    /** The wait after the first failure; it doubles after each further one, up to maxBackoffMs. */
    readonly backoffMs: number;
    readonly maxBackoffMs: number;
    readonly timeoutMs: number;
    readonly pollMs: number;
  };
  readonly logLevel: string;
}

class Environment {
  @IsString() @IsNotEmpty() HOST = '127.0.0.1';
  @Transform(toInt) @IsInt() @Min(0) @Max(65535) ALERTS_PORT = 3100;
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/demarche';
  @Matches(/^[\w.-]+:\d+(,[\w.-]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port…]' })
  KAFKA_BROKERS = '127.0.0.1:9092';
  @IsString() @IsNotEmpty() KAFKA_CLIENT_ID = 'demarche-alerts';
  @Matches(/^[a-zA-Z0-9._-]+$/) KAFKA_TOPIC_PREFIX = 'demarche';
  @Matches(/^[a-zA-Z0-9._-]+$/) ALERTS_GROUP_ID = 'alerts';
  @IsString() KAFKA_SASL_USERNAME = '';
  @IsString() KAFKA_SASL_PASSWORD = '';
  @IsIn(['scram-sha-512', 'scram-sha-256', 'plain']) KAFKA_SASL_MECHANISM = 'scram-sha-512';
  @Transform(toInt) @IsInt() @Min(100) @Max(3_600_000) ALERTS_TOPIC_REFRESH_MS = 30_000;
  @IsString() @IsNotEmpty() AUTH_ISSUER = 'demarche-dev';
  @IsString() @IsNotEmpty() AUTH_AUDIENCE = 'demarche';
  @Matches(/^[A-Z0-9]+(,[A-Z0-9a-z]+)*$/i) AUTH_ALGORITHMS = 'EdDSA,ES256,RS256';
  @IsString() AUTH_JWKS_URL = '';
  @IsString() AUTH_PUBLIC_KEY = '';
  @Transform(toInt) @IsInt() @Min(0) @Max(300) AUTH_CLOCK_TOLERANCE_S = 5;
  @IsString() ALERTS_WEBHOOKS = '[]';
  @Transform(toInt) @IsInt() @Min(1) @Max(50) ALERTS_WEBHOOK_MAX_ATTEMPTS = 8;
  @Transform(toInt) @IsInt() @Min(10) @Max(3_600_000) ALERTS_WEBHOOK_BACKOFF_MS = 2_000;
  @Transform(toInt) @IsInt() @Min(10) @Max(86_400_000) ALERTS_WEBHOOK_MAX_BACKOFF_MS = 3_600_000;
  @Transform(toInt) @IsInt() @Min(100) @Max(120_000) ALERTS_WEBHOOK_TIMEOUT_MS = 10_000;
  @Transform(toInt) @IsInt() @Min(10) @Max(60_000) ALERTS_WEBHOOK_POLL_MS = 500;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
}

class WebhookSetting {
  @Matches(/^[a-z0-9][a-z0-9._-]{0,62}$/, { message: 'name: 1–63 of a-z 0-9 . _ -' }) name = '';
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }) url = '';
  @IsString() @MinLength(16, { message: 'secret: at least 16 characters' }) secret = '';
  @IsIn(CLASSIFICATION_LEVELS) clearance: string = 'unclassified';
  countries: unknown = 'all';
}

export class AlertsConfigError extends Error {
  override readonly name = 'AlertsConfigError';
}

function problemsOf(errors: ReturnType<typeof validateSync>, prefix: string): string[] {
  return errors.flatMap((err) =>
    Object.values(err.constraints ?? {}).map((m) => `  ${prefix}${err.property}: ${m}`),
  );
}

function webhooksOf(text: string, problems: string[]): Webhook[] {
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    problems.push('  ALERTS_WEBHOOKS: must be a JSON array of {name, url, secret, clearance, countries}');
    return [];
  }
  if (!Array.isArray(list)) {
    problems.push('  ALERTS_WEBHOOKS: must be a JSON array');
    return [];
  }
  const webhooks: Webhook[] = [];
  list.forEach((item: unknown, index) => {
    const setting = plainToInstance(WebhookSetting, item ?? {});
    const found = problemsOf(validateSync(setting), `ALERTS_WEBHOOKS[${index}].`);
    const { countries } = setting;
    const countryList =
      countries === 'all' ? 'all' : Array.isArray(countries) ? countries.map(String) : undefined;
    if (
      countryList === undefined ||
      (countryList !== 'all' && countryList.some((c) => !/^[A-Z]{2}$/.test(c)))
    )
      found.push(`  ALERTS_WEBHOOKS[${index}].countries: "all" or a list of ISO 3166-1 alpha-2 codes`);
    if (webhooks.some((w) => w.name === setting.name))
      found.push(`  ALERTS_WEBHOOKS[${index}].name: "${setting.name}" is used twice`);
    problems.push(...found);
    if (found.length === 0)
      webhooks.push({
        name: setting.name,
        url: setting.url,
        secret: setting.secret,
        clearance: setting.clearance as ClassificationLevel,
        countries: countryList as Webhook['countries'],
      });
  });
  return webhooks;
}

/** The service's settings from the environment; every problem at once in an AlertsConfigError. */
export function loadAlertsConfig(env: NodeJS.ProcessEnv = process.env): AlertsConfig {
  const known = Object.keys(new Environment());
  const given = Object.fromEntries(Object.entries(env).filter(([k, v]) => known.includes(k) && v !== ''));
  const e = plainToInstance(Environment, given);
  const problems = problemsOf(validateSync(e, { forbidUnknownValues: true }), '');
  if (e.KAFKA_SASL_USERNAME && !e.KAFKA_SASL_PASSWORD)
    problems.push('  KAFKA_SASL_PASSWORD: required with KAFKA_SASL_USERNAME');
  if (!e.AUTH_JWKS_URL && !e.AUTH_PUBLIC_KEY)
    problems.push('  AUTH_JWKS_URL or AUTH_PUBLIC_KEY: required (the keys that verify readers’ tokens)');
  const webhooks = webhooksOf(e.ALERTS_WEBHOOKS, problems);
  if (problems.length > 0) throw new AlertsConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  return {
    http: { host: e.HOST, port: e.ALERTS_PORT },
    databaseUrl: e.DATABASE_URL,
    kafka: {
      brokers: e.KAFKA_BROKERS.split(','),
      clientId: e.KAFKA_CLIENT_ID,
      topicPrefix: e.KAFKA_TOPIC_PREFIX,
      groupId: e.ALERTS_GROUP_ID,
      ...(e.KAFKA_SASL_USERNAME
        ? {
            sasl: {
              mechanism: e.KAFKA_SASL_MECHANISM as 'scram-sha-512' | 'scram-sha-256' | 'plain',
              username: e.KAFKA_SASL_USERNAME,
              password: e.KAFKA_SASL_PASSWORD,
            },
          }
        : {}),
      topicRefreshMs: e.ALERTS_TOPIC_REFRESH_MS,
    },
    auth: {
      issuer: e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      algorithms: e.AUTH_ALGORITHMS.split(','),
      ...(e.AUTH_JWKS_URL ? { jwksUrl: e.AUTH_JWKS_URL } : {}),
      ...(e.AUTH_PUBLIC_KEY ? { publicKey: e.AUTH_PUBLIC_KEY } : {}),
      clockToleranceSec: e.AUTH_CLOCK_TOLERANCE_S,
    },
    webhooks,
    delivery: {
      maxAttempts: e.ALERTS_WEBHOOK_MAX_ATTEMPTS,
      backoffMs: e.ALERTS_WEBHOOK_BACKOFF_MS,
      maxBackoffMs: Math.max(e.ALERTS_WEBHOOK_BACKOFF_MS, e.ALERTS_WEBHOOK_MAX_BACKOFF_MS),
      timeoutMs: e.ALERTS_WEBHOOK_TIMEOUT_MS,
      pollMs: e.ALERTS_WEBHOOK_POLL_MS,
    },
    logLevel: e.LOG_LEVEL,
  };
}
