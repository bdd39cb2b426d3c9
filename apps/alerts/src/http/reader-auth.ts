import { createPublicKey, type KeyObject } from 'node:crypto';
import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import { levelRank } from '#contracts';
import type { ReadScope } from '../alert-store.js';
import type { AlertsConfig } from '../config.js';

/** OAuth scopes of the alerts API. */
export const SCOPES = {
  /** List alerts (within the token's clearance and countries). */
  read: 'alerts:read',
  /** See and retry dead webhook deliveries. */
  admin: 'alerts:admin',
} as const;

/** A verified reader of the alerts API. */
export interface Reader extends ReadScope {
  readonly subject: string;
  readonly scopes: ReadonlySet<string>;
}

export class TokenRefused extends Error {}

/**
 * The reader a verified token names. Claims: `sub`; `scope` (space-separated, RFC 8693; or an array) naming the
 * alerts scopes; `clearance` (a classification level: the highest it reads); `countries` (ISO codes, or `*` or
 * absent for every country).
 */
export function readerOf(payload: JWTPayload): Reader {
  const { sub, clearance, countries } = payload;
  if (typeof sub !== 'string' || sub.length === 0) throw new TokenRefused('the token names no subject');
  const rank = typeof clearance === 'string' ? levelRank(clearance) : -1;
  if (rank < 0) throw new TokenRefused('clearance must be a classification level');
  const scope = payload.scope ?? payload.scp;
  const scopes = new Set(
    typeof scope === 'string'
      ? scope.split(' ').filter(Boolean)
      : Array.isArray(scope)
        ? scope.map(String)
        : [],
  );
  let list: readonly string[] | 'all';
  if (countries === undefined || countries === '*' || (Array.isArray(countries) && countries[0] === '*')) {
    list = 'all';
  } else if (
    Array.isArray(countries) &&
    countries.every((c) => typeof c === 'string' && /^[A-Za-z]{2}$/.test(c))
  ) {
    list = countries.map((c: string) => c.toUpperCase());
  } else {
    throw new TokenRefused('countries must list ISO 3166-1 alpha-2 codes');
  }
  return { subject: sub, scopes, maxRank: rank, countries: list };
}

/** Verifies bearer tokens of the same issuer as demarche's API (jose: signature, issuer, audience, expiry). */
export class ReaderTokens {
  private readonly key: JWTVerifyGetKey | KeyObject;

  constructor(private readonly auth: AlertsConfig['auth']) {
    if (auth.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(auth.jwksUrl), {
        cooldownDuration: 30_000,
        cacheMaxAge: 600_000,
      });
    } else {
      const text = (auth.publicKey ?? '').trim();
      this.key = text.startsWith('{')
        ? createLocalJWKSet({ keys: [JSON.parse(text) as JWK] })
        : createPublicKey(text);
    }
  }

  async verify(token: string): Promise<Reader> {
    try {
      const { payload } = await jwtVerify(token, this.key as JWTVerifyGetKey, {
        issuer: this.auth.issuer,
        audience: this.auth.audience,
        algorithms: this.auth.algorithms,
        clockTolerance: this.auth.clockToleranceSec,
        requiredClaims: ['exp', 'sub'],
      });
      return readerOf(payload);
    } catch (error) {
      if (error instanceof TokenRefused) throw error;
      throw new TokenRefused('the token is not valid (signature, issuer, audience or expiry)');
    }
  }
}

const REQUIRED_SCOPE = 'alerts:required-scope';

/** The scope a route needs. */
export const RequiresScope = (scope: string) => SetMetadata(REQUIRED_SCOPE, scope);

type WithReader = FastifyRequest & { reader?: Reader };

/** The reader of a request the guard let through. */
export function readerOfRequest(request: FastifyRequest): Reader {
  const reader = (request as WithReader).reader;
  if (!reader) throw new UnauthorizedException('no verified reader');
  return reader;
}

/** Every route but those without a required scope (health) needs a bearer token with its scope. */
@Injectable()
export class ScopeGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: ReaderTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const scope = this.reflector.getAllAndOverride<string | undefined>(REQUIRED_SCOPE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (scope === undefined) return true;
    const request = context.switchToHttp().getRequest<WithReader>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([\w.~+/=-]+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException('A bearer token is required.');
    let reader: Reader;
    try {
      reader = await this.tokens.verify(match[1] as string);
    } catch (error) {
      throw new UnauthorizedException((error as Error).message);
    }
    if (!reader.scopes.has(scope)) throw new ForbiddenException(`The token lacks the scope ${scope}.`);
    request.reader = reader;
    return true;
  }
}
