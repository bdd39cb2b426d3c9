import { createRequire } from 'node:module';
import kafkajs from 'kafkajs';
import { classifyPublishFailure, isRetriedResponse } from './kafka.js';

// kafkajs' own error table and retrier: the errors below are built the way a producer builds them.
const require = createRequire(import.meta.url);
const { createErrorFromCode, errorCodes } = require('kafkajs/src/protocol/error.js') as {
  createErrorFromCode(code: number): Error;
  errorCodes: { type: string; code: number }[];
};
const createRetry = require('kafkajs/src/retry/index.js') as (
  options: object,
) => (fn: (bail: (error: Error) => void) => Promise<unknown>) => Promise<unknown>;

/** kafkajs error classes, some of which its type declarations leave out. */
const errors = kafkajs as unknown as Record<
  | 'KafkaJSConnectionError'
  | 'KafkaJSConnectionClosedError'
  | 'KafkaJSRequestTimeoutError'
  | 'KafkaJSBrokerNotFound'
  | 'KafkaJSNoBrokerAvailableError'
  | 'KafkaJSNonRetriableError',
  new (
    ...args: unknown[]
  ) => Error
>;

function protocolError(type: string): Error {
  const entry = errorCodes.find((e) => e.type === type);
  if (!entry) throw new Error(`kafkajs has no error type ${type}`);
  return createErrorFromCode(entry.code);
}

/** What kafkajs' retrier rejects with after an attempt failed with `error` every time (no waiting). */
async function afterRetries(error: Error): Promise<unknown> {
  return createRetry({ retries: 1, initialRetryTime: 1, maxRetryTime: 1 })(async () => {
    throw error;
  }).catch((wrapped: unknown) => wrapped);
}

/** What a producer's send rejects with when it bails out at once, wrapped again by an outer retrier. */
async function bailedAndWrapped(error: Error): Promise<unknown> {
  const inner = createRetry({ retries: 0 })(async (bail) => {
    bail(error);
  });
  return createRetry({ retries: 0 })(() => inner).catch((wrapped: unknown) => wrapped);
}

describe('classifyPublishFailure', () => {
  it.each([
    'MESSAGE_TOO_LARGE',
    'RECORD_LIST_TOO_LARGE',
    'INVALID_RECORD',
    'CORRUPT_MESSAGE',
    'INVALID_TIMESTAMP',
  ])('calls %s a refused record, bare or inside kafkajs retry wrappers', async (type) => {
    const error = protocolError(type);
    expect(error).toBeInstanceOf(kafkajs.KafkaJSProtocolError);
    expect(classifyPublishFailure(error)).toBe('refused-record');
    expect(classifyPublishFailure(await afterRetries(error))).toBe('refused-record');
    expect(classifyPublishFailure(await bailedAndWrapped(error))).toBe('refused-record');
  });

  it.each([
    'TOPIC_AUTHORIZATION_FAILED',
    'CLUSTER_AUTHORIZATION_FAILED',
    'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
    'NOT_LEADER_FOR_PARTITION',
    'LEADER_NOT_AVAILABLE',
    'UNKNOWN_TOPIC_OR_PARTITION',
    'REQUEST_TIMED_OUT',
    'NOT_ENOUGH_REPLICAS',
    'INVALID_REQUIRED_ACKS',
    'POLICY_VIOLATION',
    'OUT_OF_ORDER_SEQUENCE_NUMBER',
  ])('calls %s broker-side: it says nothing about the record', async (type) => {
    const error = protocolError(type);
    expect(classifyPublishFailure(error)).toBe('broker-side');
    expect(classifyPublishFailure(await afterRetries(error))).toBe('broker-side');
    expect(classifyPublishFailure(await bailedAndWrapped(error))).toBe('broker-side');
  });

  it('calls connection failures, timeouts and a missing broker broker-side, also after retries', async () => {
    const failures = [
      new errors.KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:19101', {
        broker: '127.0.0.1:19101',
        code: 'ECONNREFUSED',
      }),
      new errors.KafkaJSConnectionClosedError('Closed connection', { host: '127.0.0.1', port: 19101 }),
      new errors.KafkaJSRequestTimeoutError('Request Produce(key: 0, version: 7) timed out', {}),
      new errors.KafkaJSBrokerNotFound('Broker not found in the cached metadata'),
      new errors.KafkaJSNoBrokerAvailableError(),
      new errors.KafkaJSNonRetriableError('The producer is disconnecting'),
    ];
    for (const error of failures) {
      expect(classifyPublishFailure(error)).toBe('broker-side');
      const wrapped = await afterRetries(error);
      expect(wrapped).toBeInstanceOf(Error);
      expect(classifyPublishFailure(wrapped)).toBe('broker-side');
    }
    expect((await afterRetries(failures[0] as Error)) as Error).toBeInstanceOf(
      kafkajs.KafkaJSNumberOfRetriesExceeded,
    );
  });

  it('calls anything it does not recognise broker-side, so no key is held back on a guess', () => {
    for (const error of [new Error('boom'), 'a string', undefined, null, { retriable: false }])
      expect(classifyPublishFailure(error)).toBe('broker-side');
  });

  it('stops on an error whose cause chain loops', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(classifyPublishFailure(a)).toBe('broker-side');
  });
});

describe('kafkajs log lines', () => {
  it('takes a failed response kafkajs retries for a warning, any other error line for an error', () => {
    const notLeader = 'This server is not the leader for that topic-partition';
    expect(isRetriedResponse('Response ListOffsets(key: 2, version: 3)', { error: notLeader })).toBe(true);
    expect(
      isRetriedResponse('Response Produce(key: 0, version: 7)', {
        error: 'The request included a message larger than the max message size the server will accept',
      }),
    ).toBe(false);
    expect(isRetriedResponse('Crash: KafkaJSNumberOfRetriesExceeded', { error: notLeader })).toBe(false);
    expect(isRetriedResponse('Response ListOffsets(key: 2, version: 3)', {})).toBe(false);
    // The producer's line for a send it retries, as the relay met it on a topic created a moment before.
    expect(
      isRetriedResponse(`Failed to send messages: ${notLeader}`, { retryCount: 0, retryTime: 204 }),
    ).toBe(true);
    expect(
      isRetriedResponse(
        'Failed to send messages: The request included a message larger than the max message size the server will accept',
        {
          retryCount: 0,
        },
      ),
    ).toBe(false);
  });
});
