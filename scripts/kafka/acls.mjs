// Kafka ACLs of the project's principals, added by the admin super user (StandardAuthorizer keeps them in the
// cluster metadata; they can only be added once the broker runs). kafka.sh runs `setup` after every start
// (adding an ACL that exists is a no-op); `grant` gives a downstream consumer the levels it is cleared for.
//
//   node scripts/kafka/acls.mjs setup
//   node scripts/kafka/acls.mjs grant <user> --clearance <level> [--topic-prefix demarche] [--group-prefix <user>]
//
// Environment: KAFKA_BROKERS (default 127.0.0.1:$KAFKA_PORT, 9092), KAFKA_TOPIC_PREFIX (default demarche),
// KAFKA_ACL_TOPIC_PREFIXES (topic-name prefixes the services may use, default "demarche. test-"),
// KAFKA_ACL_GROUP_PREFIXES (consumer groups the projector may use, default "demarche- test- rebuild- dlq-reader-"),
// KAFKA_ALERTS_CLEARANCE (the levels the alerts service reads, default secret),
// and the admin's password (scripts/kafka/users.conf).
import { pathToFileURL } from 'node:url';
import kafkajs from 'kafkajs';
import { kafkaUsers } from './credentials.mjs';

const { AclOperationTypes: Op, AclPermissionTypes, AclResourceTypes: Res, ResourcePatternTypes } = kafkajs;

/** The classification levels, lowest first (as in libs/domain); one engagement topic each. */
export const LEVELS = ['unclassified', 'restricted', 'confidential', 'secret'];

function acl(user, resourceType, resourceName, pattern, operation) {
  return {
    resourceType,
    resourceName,
    resourcePatternType: ResourcePatternTypes[pattern],
    principal: `User:${user}`,
    host: '*',
    operation,
    permissionType: AclPermissionTypes.ALLOW,
  };
}

/**
 * What the services may do, on every topic and group whose name starts with one of the prefixes (PREFIXED
 * patterns: a test's topics are `test-<run>-…`, a deployment's `demarche.…`):
 * - relay: create the engagement topics and write them;
 * - projector: read every level, create and write the dead-letter topics (and write a replayed letter back to
 *   its source topic), on its own consumer groups (the projector's, the rebuild's and the dlq reader's);
 * - api: describe topics (projection lag on /metrics, readiness).
 */
export function serviceAcls({ topicPrefixes, groupPrefixes }) {
  const acls = [];
  for (const prefix of topicPrefixes) {
    for (const op of [Op.CREATE, Op.WRITE, Op.DESCRIBE])
      acls.push(acl('relay', Res.TOPIC, prefix, 'PREFIXED', op));
    for (const op of [Op.READ, Op.DESCRIBE, Op.CREATE, Op.WRITE])
      acls.push(acl('projector', Res.TOPIC, prefix, 'PREFIXED', op));
    acls.push(acl('api', Res.TOPIC, prefix, 'PREFIXED', Op.DESCRIBE));
  }
  for (const prefix of groupPrefixes) {
    for (const op of [Op.READ, Op.DESCRIBE]) acls.push(acl('projector', Res.GROUP, prefix, 'PREFIXED', op));
  }
  return acls;
}

/** The levels a clearance reads: its own and every lower one. */
export function levelsUpTo(clearance) {
  const rank = LEVELS.indexOf(clearance);
  if (rank < 0) throw new Error(`unknown clearance "${clearance}" (one of ${LEVELS.join(', ')})`);
  return LEVELS.slice(0, rank + 1);
}

/**
 * What a downstream consumer cleared for `levels` may do: read and describe exactly those levels' engagement and
 * derived topics (LITERAL patterns: nothing else matches), and use consumer groups starting with `groupPrefix`.
 */
export function consumerAcls({ user, topicPrefix, levels, groupPrefix = user }) {
  const acls = [];
  for (const level of levels) {
    if (!LEVELS.includes(level)) throw new Error(`unknown level "${level}"`);
    // The record's events of the level, and the derived events (libs/contracts: derived.ts) of the level.
    for (const topic of [`${topicPrefix}.engagement.${level}`, `${topicPrefix}.derived.${level}`])
      for (const op of [Op.READ, Op.DESCRIBE]) acls.push(acl(user, Res.TOPIC, topic, 'LITERAL', op));
  }
  acls.push(acl(user, Res.GROUP, groupPrefix, 'PREFIXED', Op.READ));
  return acls;
}

/** An admin client signed in as the super user (`admin`). */
export function adminKafka(brokers, env = process.env) {
  const { username, password } = kafkaUsers(env).admin;
  return new kafkajs.Kafka({
    clientId: 'demarche-acls',
    brokers,
    sasl: { mechanism: 'scram-sha-512', username, password },
    logLevel: kafkajs.logLevel.NOTHING,
    retry: { initialRetryTime: 200, retries: 10 },
  });
}

export async function addAcls(kafka, acls) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createAcls({ acl: acls });
  } finally {
    await admin.disconnect();
  }
}

/** Takes ACLs away again (each as given to addAcls). */
export async function removeAcls(kafka, acls) {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteAcls({ filters: acls });
  } finally {
    await admin.disconnect();
  }
}

function words(value, fallback) {
  return (value ?? fallback).split(/[\s,]+/).filter(Boolean);
}

function option(args, name) {
  const index = args.indexOf(`--${name}`);
  return index === -1 ? undefined : args[index + 1];
}

async function main(args) {
  const env = process.env;
  const brokers = words(env.KAFKA_BROKERS, `127.0.0.1:${env.KAFKA_PORT ?? 9092}`);
  const topicPrefix = env.KAFKA_TOPIC_PREFIX || 'demarche';
  const kafka = adminKafka(brokers, env);
  const [command, user] = args;
  if (command === 'setup') {
    const acls = [
      ...serviceAcls({
        topicPrefixes: words(env.KAFKA_ACL_TOPIC_PREFIXES, `${topicPrefix}. test-`),
        groupPrefixes: words(env.KAFKA_ACL_GROUP_PREFIXES, `${topicPrefix}- test- rebuild- dlq-reader-`),
      }),
      // The example downstream principal: the unclassified level only.
      ...consumerAcls({ user: 'downstream-unclassified', topicPrefix, levels: ['unclassified'] }),
      // The alerts service (apps/alerts), a downstream consumer too: the levels of KAFKA_ALERTS_CLEARANCE.
      ...consumerAcls({
        user: 'alerts',
        topicPrefix,
        levels: levelsUpTo(env.KAFKA_ALERTS_CLEARANCE || 'secret'),
      }),
    ];
    await addAcls(kafka, acls);
    console.error(`[acls] ${acls.length} ACLs in place`);
  } else if (command === 'grant' && user && option(args, 'clearance')) {
    const levels = levelsUpTo(option(args, 'clearance'));
    const prefix = option(args, 'topic-prefix') ?? topicPrefix;
    await addAcls(
      kafka,
      consumerAcls({ user, topicPrefix: prefix, levels, groupPrefix: option(args, 'group-prefix') }),
    );
    console.error(
      `[acls] User:${user} may read ${levels.flatMap((l) => [`${prefix}.engagement.${l}`, `${prefix}.derived.${l}`]).join(', ')}`,
    );
  } else {
    console.error(
      'usage: acls.mjs setup | grant <user> --clearance <level> [--topic-prefix <prefix>] [--group-prefix <prefix>]',
    );
    process.exitCode = 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main(process.argv.slice(2)).catch((error) => {
    console.error(`[acls] ${error.message ?? error}`);
    process.exitCode = 1;
  });
}
