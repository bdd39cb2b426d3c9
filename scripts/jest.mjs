// Runs jest with the Node flags its ESM mode needs (they are not jest options).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const jestBin = fileURLToPath(new URL('../node_modules/jest/bin/jest.js', import.meta.url));
const flags = [
  '--experimental-vm-modules',
  '--disable-warning=ExperimentalWarning',
  '--disable-warning=TimeoutNegativeWarning',
];
const result = spawnSync(process.execPath, [...flags, jestBin, ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
