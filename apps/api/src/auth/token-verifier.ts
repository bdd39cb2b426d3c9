import { createPublicKey, type KeyObject } from 'node:crypto';
import countries from 'i18n-iso-countries';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from 'jose';
import { type AppConfig, DEV_ISSUER, DEV_KEY_ID_PREFIX } from '#config';
import { CLASSIFICATIONS, type Classification, type Principal, ROLES, type Role } from '#domain';

/** Why a token was refused: a label for metrics and logs, never the token itself. */
export type TokenRefusal =
  | 'missing_token'
  | 'malformed_token'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'algorithm_not_allowed'
  | 'unknown_key'
  | 'bad_signature'
  | 'bad_claims'
  | 'key_set_unavailable';

export class TokenRefusedError extends Error {
  constructor(
    readonly reason: TokenRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'TokenRefusedError';
  }
}

/** Nest injection token of the TokenVerifier. */
export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

/** The port the API authenticates through: a bearer token in, the caller it names out (or a refusal). */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

const ASSIGNED = new Set(Object.keys(countries.getAlpha2Codes()));
const SUBJECT = /^[\x21-\x7e][\x20-\x7e]{0,199}$/;
/** Roles that read every country and so may leave `countries` out. */
const UNSCOPED: ReadonlySet<Role> = new Set(['leadership', 'admin']);
/** How long, and for how many tokens, a verified token is taken on trust (JoseTokenVerifier). */
const VERIFIED_TTL_MS = 30_000;
const VERIFIED_MAX = 10_000;

/** The caller a verified payload names, or a refusal naming the claim that is wrong. */
export function principalFromClaims(payload: JWTPayload): Principal {
  const bad = (message: string) => new TokenRefusedError('bad_claims', message);
  const { sub, role, clearance } = payload;
  if (typeof sub !== 'string' || !SUBJECT.test(sub)) throw bad('sub must be 1–200 visible ASCII characters');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw bad(`role must be one of ${ROLES.join(', ')}`);
  }
  if (typeof clearance !== 'string' || !(CLASSIFICATIONS as readonly string[]).includes(clearance)) {
    throw bad(`clearance must be one of ${CLASSIFICATIONS.join(', ')}`);
  }
  return {
    subject: sub,
    role: role as Role,
    countries: countriesClaim(payload.countries, role as Role, bad),
    clearance: clearance as Classification,
  };
}

function countriesClaim(
  claim: unknown,
  role: Role,
  bad: (message: string) => TokenRefusedError,
): Principal['countries'] {
  if (claim === undefined && UNSCOPED.has(role)) return 'all';
  // `*` scopes a service or leadership token to every country; a desk officer's countries are always listed.
  if (
    (claim === '*' || (Array.isArray(claim) && claim.length === 1 && claim[0] === '*')) &&
    role !== 'desk_officer'
  ) {
    return 'all';
  }
  const list = typeof claim === 'string' ? claim.split(/[\s,]+/).filter(Boolean) : claim;
  if (!Array.isArray(list) || list.length === 0 || list.length > 300) {
    throw bad('countries must list the ISO 3166-1 alpha-2 codes the caller works on');
  }
  const codes = list.map((code) => (typeof code === 'string' ? code.toUpperCase() : ''));
  if (codes.some((code) => !/^[A-Z]{2}$/.test(code) || !ASSIGNED.has(code))) {
    throw bad('countries must be assigned ISO 3166-1 alpha-2 codes');
  }
  return [...new Set(codes)];
}

/** A refusal for each way jose says a token is wrong; with a remote key set, a failed fetch is not the token's fault. */
function refusalOf(error: unknown, remote: boolean): TokenRefusedError {
  if (error instanceof TokenRefusedError) return error;
  if (error instanceof errors.JWTExpired) return new TokenRefusedError('expired', 'The token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return new TokenRefusedError('not_yet_valid', 'The token is not valid yet.');
    if (error.claim === 'iss')
      return new TokenRefusedError('wrong_issuer', 'The token has the wrong issuer.');
    if (error.claim === 'aud')
      return new TokenRefusedError('wrong_audience', 'The token is for another audience.');
    return new TokenRefusedError('bad_claims', `The token's ${error.claim} claim is missing or wrong.`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new TokenRefusedError(
      'algorithm_not_allowed',
      'The token is signed with an algorithm not accepted.',
    );
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) {
    return new TokenRefusedError('unknown_key', 'The token is signed with a key this service does not know.');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new TokenRefusedError('bad_signature', 'The token signature does not verify.');
  }
  const tokenFault =
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JWKInvalid;
  // The key set timed out, answered other than 200 OK, was not a key set, or could not be reached.
  if (remote && !tokenFault) {
    return new TokenRefusedError(
      'key_set_unavailable',
      'The signing keys could not be fetched; try again shortly.',
    );
  }
  return new TokenRefusedError('malformed_token', 'The token is not a well-formed signed JWT.');
}

/** A configured key: a JWK (its `kid`, if any, must match the token's) or a PEM public key. */
function configuredKey(text: string): { kid?: string; key: JWTVerifyGetKey | KeyObject } {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const jwk = JSON.parse(trimmed) as JWK;
    if ('d' in jwk || 'k' in jwk)
      throw new Error('AUTH_PUBLIC_KEY must be a public key, not a private or shared one');
    return { kid: jwk.kid, key: createLocalJWKSet({ keys: [jwk] }) };
  }
  return { key: createPublicKey(trimmed) };
}

/**
 * Verifies bearer JWTs with jose: signature by the configured key or the provider's key set (jose caches it and
 * fetches it again when a token names a `kid` it has not seen, at most once per cooldown), then issuer,
 * audience, expiry and not-before (with a small clock tolerance), the algorithm allow-list, and the claims this
 * service needs (`sub`, `role`, `clearance`, `countries`).
 */
export class JoseTokenVerifier implements TokenVerifier {
  private readonly key: JWTVerifyGetKey | KeyObject;
  /**
   * Tokens verified in the last VERIFIED_TTL_MS, never past their `exp`: a client sends the same token with every
   * request, and the signature check (EdDSA through WebCrypto) was the API's largest single cost under load. A
   * key withdrawn from the provider's key set stops tokens it signed within that time.
   */
  private readonly verified = new Map<string, { principal: Principal; until: number }>();

  constructor(private readonly auth: AppConfig['auth']) {
    if (auth.jwksUrl) {
      this.key = createRemoteJWKSet(new URL(auth.jwksUrl), {
        cooldownDuration: 30_000,
        cacheMaxAge: 600_000,
      });
    } else if (auth.publicKey) {
      this.key = configuredKey(auth.publicKey).key;
    } else {
      throw new Error(
        'Set AUTH_JWKS_URL (an OIDC provider) or AUTH_PUBLIC_KEY: the API does not run without keys',
      );
    }
  }

  async verify(token: string): Promise<Principal> {
    const now = Date.now();
    const known = this.verified.get(token);
    if (known && now < known.until) return known.principal;
    if (known) this.verified.delete(token);
    return this.verifyAnew(token);
  }

  private remember(token: string, principal: Principal, exp: number | undefined): void {
    const until = Math.min(Date.now() + VERIFIED_TTL_MS, (exp ?? 0) * 1000);
    if (this.verified.size >= VERIFIED_MAX) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    this.verified.set(token, { principal, until });
  }

  private async verifyAnew(token: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, this.key as JWTVerifyGetKey, {
        issuer: this.auth.issuer,
        audience: this.auth.audience,
        algorithms: [...this.auth.algorithms],
        clockTolerance: this.auth.clockToleranceSec,
        requiredClaims: ['exp', 'sub'],
      });
      const principal = principalFromClaims(payload);
      this.remember(token, principal, payload.exp);
      return principal;
    } catch (error) {
      throw refusalOf(error, this.auth.jwksUrl !== undefined);
    }
  }
}

/** A production configuration refuses the development key `npm start` generates, and demo sign-in. */
export function assertProductionKey(config: AppConfig): void {
  if (!config.production) return;
  const { publicKey, jwksUrl, issuer, devSigningKey } = config.auth;
  if (devSigningKey) {
    throw new Error(
      'NODE_ENV=production refuses AUTH_DEV_SIGNING_KEY: demo sign-in mints tokens for anyone who asks; ' +
        'unset it and sign in through your identity provider',
    );
  }
  const kid = publicKey ? configuredKey(publicKey).kid : undefined;
  if ((!jwksUrl && kid?.startsWith(DEV_KEY_ID_PREFIX)) || issuer === DEV_ISSUER) {
    throw new Error(
      'NODE_ENV=production refuses the development signing key and issuer: configure AUTH_JWKS_URL or ' +
        'AUTH_PUBLIC_KEY and AUTH_ISSUER of your identity provider',
    );
  }
}
