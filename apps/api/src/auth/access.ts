import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  AccessDeniedError,
  type Principal,
  type ReadScope,
  ROLES,
  type Role,
  readScope,
  readsCountry,
  writesCountry,
} from '#domain';
import { isAssignedCountryCode } from '../http/country-code.pipe.js';
import { AccessRefusals } from './access-refusals.js';

/**
 * Who may call a route. Every route declares one (a route that does not is refused, fail closed):
 * - `public`: no token (health, documents);
 * - `read`: every role, scoped: a `country` in the path or query must be one the reader reads;
 * - `record`: desk officers, for a `country` in the path that their token lists (a command addressed by entry id
 *   is checked against that entry's country and level where its stream is read);
 * - `roles`: the roles named (the vendor registry and operations: admin).
 */
export type AccessRule =
  | { readonly kind: 'public' }
  | { readonly kind: 'read' }
  | { readonly kind: 'record' }
  | { readonly kind: 'roles'; readonly roles: readonly Role[] };

export const ACCESS_RULE = 'demarche:access';

export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);
/** Every role reads, within the countries and clearance of its token. */
export const ReadAccess = () => SetMetadata(ACCESS_RULE, { kind: 'read' } satisfies AccessRule);
/** Desk officers record and change entries of the countries their token lists. */
export const RecordAccess = () => SetMetadata(ACCESS_RULE, { kind: 'record' } satisfies AccessRule);
export const RolesAccess = (...roles: Role[]) =>
  SetMetadata(ACCESS_RULE, { kind: 'roles', roles } satisfies AccessRule);

/** The roles a rule lets through, for the authorisation matrix and the documents. */
export function rolesOf(rule: AccessRule): readonly Role[] {
  switch (rule.kind) {
    case 'public':
    case 'read':
      return ROLES;
    case 'record':
      return ['desk_officer'];
    case 'roles':
      return rule.roles;
  }
}

/** The part of a request the guard reads; the authentication hook at the HTTP edge sets `principal`. */
interface GuardedRequest {
  readonly principal?: Principal;
  readonly params?: Record<string, string | undefined>;
  readonly query?: Record<string, unknown>;
  readonly routeOptions?: { readonly url?: string };
}

/** Applies each route's rule to the signed-in caller: 403 for a role or a country it may not use. */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly refusals: AccessRefusals,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (rule?.kind === 'public') return true;
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const route = request.routeOptions?.url ?? 'unknown';
    const refuse = (reason: string, message: string): never => {
      this.refusals.refused(403, route, reason, request.principal?.subject);
      throw new AccessDeniedError(reason.toUpperCase(), message);
    };
    const principal = request.principal;
    // The authentication hook answers 401 before any guarded route is reached; this is the backstop.
    if (!principal) return refuse('no_principal', 'This route needs a signed-in caller.');
    if (!rule) return refuse('no_access_rule', 'This route declares no access rule.');
    if (principal.role === 'system' || !rolesOf(rule).includes(principal.role)) {
      return refuse('role_not_allowed', `The ${principal.role} role may not use this route.`);
    }
    const country = requestedCountry(request);
    // A command addressed by entry id is authorised by the country of that entry, in the EntryStore.
    if (rule.kind === 'record' && country !== undefined && !writesCountry(principal, country)) {
      return refuse('country_out_of_scope', `You do not record entries for ${country}.`);
    }
    if (rule.kind === 'read' && country !== undefined && !readsCountry(principal, country)) {
      return refuse('country_out_of_scope', `You do not read ${country}.`);
    }
    return true;
  }
}

/** The country a request addresses, when it names an assigned code; anything else is the validation pipe's 400. */
function requestedCountry(request: GuardedRequest): string | undefined {
  const value = request.params?.country ?? request.query?.country;
  return typeof value === 'string' && /^[A-Za-z]{2}$/.test(value) && isAssignedCountryCode(value)
    ? value.toUpperCase()
    : undefined;
}

/** The signed-in caller (routes that are not public only). */
export const Actor = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<GuardedRequest>().principal;
  if (!principal) throw new AccessDeniedError('NO_PRINCIPAL', 'This route needs a signed-in caller.');
  return principal;
});

/** What the signed-in reader may see: its countries and the rank of its clearance, for the read models' SQL. */
export const Reader = createParamDecorator((_: unknown, context: ExecutionContext): ReadScope => {
  const principal = context.switchToHttp().getRequest<GuardedRequest>().principal;
  if (!principal) throw new AccessDeniedError('NO_PRINCIPAL', 'This route needs a signed-in caller.');
  return readScope(principal);
});
