// npm run token -- --sub alice --role desk_officer --countries SY,LB --clearance confidential [--scope 'alerts:read'] [--expires 8h]
// Prints a bearer token signed with the development key that `npm start` generated (local use only).
import { parseArgs } from 'node:util';
import { bootstrap } from './lib/bootstrap.mjs';

await bootstrap(import.meta.url);
const { devToken, ensureDevKey } = await import('./lib/dev-key.mjs');

const ROLES = ['desk_officer', 'leadership', 'admin', 'service'];
const LEVELS = ['unclassified', 'restricted', 'confidential', 'secret'];
const { values } = parseArgs({
  options: {
    sub: { type: 'string' },
    role: { type: 'string' },
    countries: { type: 'string' },
    clearance: { type: 'string' },
    scope: { type: 'string' },
    expires: { type: 'string', default: '8h' },
  },
});

function usage(message) {
  console.error(`npm run token: ${message}`);
  console.error(
    'usage: npm run token -- --sub <name> --role <desk_officer|leadership|admin|service> ' +
      '[--countries SY,LB|*] --clearance <unclassified|restricted|confidential|secret> ' +
      "[--scope 'alerts:read alerts:admin'] [--expires 8h]",
  );
  process.exit(2);
}

if (!values.sub) usage('--sub is required');
if (!ROLES.includes(values.role)) usage(`--role must be one of ${ROLES.join(', ')}`);
if (!LEVELS.includes(values.clearance)) usage(`--clearance must be one of ${LEVELS.join(', ')}`);
const countries =
  values.countries === undefined
    ? undefined
    : values.countries === '*'
      ? '*'
      : values.countries
          .split(',')
          .map((c) => c.trim().toUpperCase())
          .filter(Boolean);
if ((values.role === 'desk_officer' || values.role === 'service') && countries === undefined) {
  usage(`a ${values.role} token needs --countries`);
}
// The same key `npm start` configures the API with; made here if this runs first.
await ensureDevKey();
console.log(
  await devToken({
    sub: values.sub,
    role: values.role,
    countries,
    clearance: values.clearance,
    scope: values.scope,
    expiresIn: values.expires,
  }),
);
