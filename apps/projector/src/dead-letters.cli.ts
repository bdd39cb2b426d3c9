import { loadConfig } from '#config';
import {
  formatDeadLetterList,
  listDeadLetters,
  listRefusedDeadLetters,
  replayDeadLetters,
} from './dead-letter-admin.js';

const USAGE = 'usage: npm run dlq -- list | replay --all | replay <eventId>';
// A replay un-parks each stream it sends back; the projector applies the letters in stream order, and a letter
// that fails again parks its stream again, so fix the cause (read model, code) before replaying.
const [command, argument] = process.argv.slice(2);
const config = loadConfig();

if (command === 'list') {
  // The dead-letter topic, then the dead letters Kafka refused for their content (kept in projector_outbox).
  process.stdout.write(
    formatDeadLetterList(await listDeadLetters(config), await listRefusedDeadLetters(config)),
  );
} else if (command === 'replay' && argument) {
  try {
    const replayed = await replayDeadLetters(
      config,
      argument === '--all' ? { all: true } : { eventId: argument },
    );
    process.stdout.write(`replayed ${replayed.length} dead letter(s)\n`);
  } catch (error) {
    // A refused replay changes nothing: say why (events of the stream still in flight, to retry; or a dead letter
    // Kafka refused, which no retry brings to the topic).
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
} else {
  process.stderr.write(`${USAGE}\n`);
  process.exitCode = 2;
}
