// The SCRAM users of the local development broker and their passwords (environment overrides, else the
// development defaults in users.conf): what kafka.sh creates and what npm start and the tests sign in as.
import { readFileSync } from 'node:fs';

const USERS_FILE = new URL('./users.conf', import.meta.url);

/** name → { username, password } for every user in users.conf. */
export function kafkaUsers(env = process.env) {
  const users = {};
  for (const line of readFileSync(USERS_FILE, 'utf8').split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const [name, variable, fallback] = trimmed.split(/\s+/);
    users[name] = { username: name, password: env[variable] || fallback };
  }
  return users;
}

/** The environment an app needs to sign in to the local broker as `user` (SCRAM-SHA-512). */
export function kafkaSaslEnv(user, env = process.env) {
  const found = kafkaUsers(env)[user];
  if (!found) throw new Error(`no Kafka user "${user}" in scripts/kafka/users.conf`);
  return {
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: found.username,
    KAFKA_SASL_PASSWORD: found.password,
  };
}
