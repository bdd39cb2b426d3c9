import { loadConfig } from '#config';
import { listDeadLetters, replayDeadLetters } from './dead-letter-admin.js';

const USAGE = 'usage: npm run dlq -- list | replay --all | replay <eventId>';
const [command, argument] = process.argv.slice(2);
const config = loadConfig();

if (command === 'list') {
  const letters = await listDeadLetters(config);
  for (const l of letters) {
    process.stdout.write(
      `${l.partition}:${l.offset}\t${l.replayed ? 'replayed' : 'pending '}\t${l.type ?? '-'}\t${l.eventId ?? '-'}\t` +
        `${l.streamId ?? '-'}\tfrom ${l.source.topic}[${l.source.partition}]@${l.source.offset}\t${l.error}\n`,
    );
  }
  process.stdout.write(
    `${letters.length} dead letter(s), ${letters.filter((l) => !l.replayed).length} not replayed\n`,
  );
} else if (command === 'replay' && argument) {
  const replayed = await replayDeadLetters(
    config,
    argument === '--all' ? { all: true } : { eventId: argument },
  );
  process.stdout.write(`replayed ${replayed.length} dead letter(s)\n`);
} else {
  process.stderr.write(`${USAGE}\n`);
  process.exitCode = 2;
}
