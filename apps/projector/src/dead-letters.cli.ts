import { loadConfig } from '#config';
import { listDeadLetters, replayDeadLetters } from './dead-letter-admin.js';

const USAGE = 'usage: npm run dlq -- list | replay --all | replay <eventId>';
// A replay un-parks each stream it sends back; the projector applies the letters in stream order, and a letter
// that fails again parks its stream again, so fix the cause (read model, code) before replaying.
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
  try {
    const replayed = await replayDeadLetters(
      config,
      argument === '--all' ? { all: true } : { eventId: argument },
    );
    process.stdout.write(`replayed ${replayed.length} dead letter(s)\n`);
  } catch (error) {
    // A refused replay (events of the stream still in flight) changes nothing: say why and let it be retried.
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
} else {
  process.stderr.write(`${USAGE}\n`);
  process.exitCode = 2;
}
