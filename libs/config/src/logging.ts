import pino from 'pino';

/**
 * A stdout destination that writes each line before returning. pino's default buffers asynchronously, which
 * loses the last lines when a process exits on a signal right after logging them (shutdown reports).
 */
export function synchronousStdout(): pino.DestinationStream {
  return pino.destination({ dest: 1, sync: true });
}
