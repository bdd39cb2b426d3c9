import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface AppProcess {
  readonly child: ChildProcess;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/** Runs a built app (dist/, made by `npm run build`) as its own OS process, so it can be SIGKILLed. */
export function spawnApp(
  app: 'api' | 'relay' | 'projector' | 'alerts',
  env: Record<string, string>,
): AppProcess {
  const child = spawn(process.execPath, [`${ROOT}/dist/apps/${app}/src/main.js`], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_OPTIONS: '--disable-warning=TimeoutNegativeWarning' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  return {
    child,
    output: () => output,
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill(signal);
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}
