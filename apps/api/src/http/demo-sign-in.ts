import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { importJWK, type JWK, SignJWT } from 'jose';
import type { AppConfig } from '#config';
import type { Classification, Role } from '#domain';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem.js';

/** Someone the development sign-in page offers: what the token it mints says about them. */
export interface DemoIdentity {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly sub: string;
  readonly role: Role;
  /** Absent: every country (leadership and admin read them all). */
  readonly countries?: readonly string[];
  readonly clearance: Classification;
}

/** The people a newcomer can try the app as, one per way of reading the record. */
export const DEMO_IDENTITIES: readonly DemoIdentity[] = [
  {
    id: 'desk-officer-sy',
    label: 'Desk officer, Syria',
    description: 'Records and reads Syria, up to secret.',
    sub: 'demo.desk-officer.sy',
    role: 'desk_officer',
    countries: ['SY'],
    clearance: 'secret',
  },
  {
    id: 'leadership',
    label: 'Leadership',
    description: 'Reads every country, up to secret.',
    sub: 'demo.leadership',
    role: 'leadership',
    clearance: 'secret',
  },
  {
    id: 'admin',
    label: 'Administrator',
    description: 'Keeps the vendor registry and reads the audit, up to secret.',
    sub: 'demo.admin',
    role: 'admin',
    clearance: 'secret',
  },
  {
    id: 'reader-unclassified',
    label: 'Reader without clearance',
    description: 'Leadership reading every country, unclassified entries only.',
    sub: 'demo.reader',
    role: 'leadership',
    clearance: 'unclassified',
  },
];

const TOKEN_LIFETIME = '8h';

function notFound(reply: FastifyReply, request: FastifyRequest, detail: string) {
  return reply
    .status(404)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send({
      type: problemType('not-found'),
      title: 'Not Found',
      status: 404,
      code: 'UNKNOWN_DEMO_IDENTITY',
      detail,
      instance: request.url,
    });
}

/**
 * Demo sign-in for development: `GET /auth/demo-identities` lists who one may sign in as, `POST /auth/demo-token
 * {identity}` answers `{ token }` signed with the development key (EdDSA, this API's issuer and audience, 8 h).
 * Registered only when AUTH_DEV_SIGNING_KEY is set, so both are 404 otherwise; production refuses the setting
 * (assertProductionKey). The tokens go through the same verification as any other.
 */
export async function registerDemoSignIn(app: FastifyInstance, auth: AppConfig['auth']): Promise<void> {
  if (!auth.devSigningKey) return;
  const jwk = JSON.parse(auth.devSigningKey) as JWK;
  if (typeof jwk.d !== 'string') throw new Error('AUTH_DEV_SIGNING_KEY must be a private JWK');
  const key = await importJWK(jwk, jwk.alg ?? 'EdDSA');
  const alg = jwk.alg ?? 'EdDSA';
  const listed = DEMO_IDENTITIES.map(({ id, label, description, role, countries, clearance }) => ({
    id,
    label,
    description,
    role,
    countries: countries ?? null,
    clearance,
  }));

  app.get('/auth/demo-identities', async () => ({ identities: listed }));
  app.post('/auth/demo-token', async (request, reply) => {
    const body = request.body as { identity?: unknown } | null | undefined;
    const identity = DEMO_IDENTITIES.find((i) => i.id === body?.identity);
    if (!identity) {
      return notFound(
        reply,
        request,
        `identity must be one of ${DEMO_IDENTITIES.map((i) => i.id).join(', ')}`,
      );
    }
    const claims = {
      role: identity.role,
      clearance: identity.clearance,
      ...(identity.countries ? { countries: identity.countries } : {}),
    };
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg, typ: 'JWT', ...(jwk.kid ? { kid: jwk.kid } : {}) })
      .setSubject(identity.sub)
      .setIssuer(auth.issuer)
      .setAudience(auth.audience)
      .setIssuedAt()
      .setExpirationTime(TOKEN_LIFETIME)
      .sign(key);
    return reply.header('cache-control', 'no-store').send({ token });
  });
}
