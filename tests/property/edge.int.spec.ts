import net from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fc from 'fast-check';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { officer, token } from '../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';
import { meetingBody } from '../support/fixtures.js';
import { type Answer, brokenContract, settings, written } from './support.js';

/** What came back on a raw connection: the parsed answer and the text as sent. */
interface RawAnswer extends Answer {
  readonly raw: string;
}

/**
 * Writes bytes on a fresh connection and reads until the server closes it (every request here asks it to, or
 * is one the server closes on). Fails after `ms` rather than waiting for ever.
 */
function exchange(port: number, request: string | Buffer, ms = 10_000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${ms} ms to ${JSON.stringify(String(request).slice(0, 200))}`));
    }, ms);
    socket.on('data', (chunk) => chunks.push(chunk));
    // A server may close while the client still writes (a request it refused half-way): not a failure.
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks).toString('latin1');
      const [head = '', ...rest] = raw.split('\r\n\r\n');
      const [statusLine = '', ...headerLines] = head.split('\r\n');
      const headers = new Map(
        headerLines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1] ?? 0),
        contentType: headers.get('content-type') ?? '',
        body: Buffer.from(rest.join('\r\n\r\n'), 'latin1').toString('utf8'),
        raw,
      });
    });
    socket.write(request);
  });
}

/** The answer is a 4xx problem+json (of `status`, when given) whose body is whole JSON. */
function expectProblem(answer: RawAnswer, status?: number): void {
  if (answer.status === 0) throw new Error(`no HTTP answer: ${JSON.stringify(answer.raw.slice(0, 300))}`);
  expect(brokenContract(answer)).toBeUndefined();
  expect(answer.status).toBeGreaterThanOrEqual(400);
  if (status !== undefined) expect(answer.status).toBe(status);
  expect(answer.contentType).toMatch(/^application\/problem\+json/);
  expect(JSON.parse(answer.body)).toMatchObject({ status: answer.status });
}

const get = (target: string, headers = '') =>
  `GET ${target} HTTP/1.1\r\nHost: x\r\n${headers}Connection: close\r\n\r\n`;

describe('answers Node and Fastify give before any route runs, on a listening server', () => {
  let db: TestDatabase;
  let api: NestFastifyApplication;
  let port: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    api = await createApiApp(
      testConfig({
        databaseUrl: db.url,
        topicPrefix: uniqueName('edge'),
        extra: {
          SCHEDULER_INTERVAL_MS: '0',
          HTTP_HEADERS_TIMEOUT_MS: '500',
          HTTP_REQUEST_TIMEOUT_MS: '1000',
          HTTP_BODY_LIMIT_BYTES: '4096',
        },
      }),
      { logger: false },
    );
    await api.listen(0, '127.0.0.1');
    port = (api.getHttpServer().address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('a path that is not valid percent-encoded UTF-8 is a 400 problem', async () => {
    expectProblem(await exchange(port, get('/v1/countries/%E0%A4%A/timeline')), 400);
    expectProblem(await exchange(port, get('/v1/entries/%FF')), 400);
  });

  it('a path segment longer than the router reads is a 414 problem', async () => {
    expectProblem(await exchange(port, get(`/v1/entries/${'a'.repeat(500)}`)), 414);
  });

  it('headers larger than Node reads are a 431 problem', async () => {
    expectProblem(await exchange(port, get('/health/live', `X-Big: ${'x'.repeat(20_000)}\r\n`)), 431);
  });

  it.each([
    ['a request line that is not HTTP', 'GARBAGE\r\n\r\n'],
    ['an unknown HTTP version', 'GET /health/live HTTP/9.9\r\nHost: x\r\n\r\n'],
    ['a space in the target', 'GET /v1/countries/S Y/timeline HTTP/1.1\r\nHost: x\r\n\r\n'],
    ['a NUL in a header value', 'GET /health/live HTTP/1.1\r\nHost: x\r\nX-Note: a\u0000b\r\n\r\n'],
    ['a header without a colon', 'GET /health/live HTTP/1.1\r\nHost: x\r\nX-Note\r\n\r\n'],
    [
      'a Content-Length that is not a number',
      'POST /v1/follow-ups HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: x\r\n\r\n{}',
    ],
    [
      'two Content-Lengths that disagree',
      'POST /v1/follow-ups HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
    ],
    [
      'a malformed chunk',
      'POST /v1/follow-ups HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n',
    ],
  ])('%s is a 400 problem', async (_label, request) => {
    expectProblem(await exchange(port, request), 400);
  });

  it('chunk extensions larger than Node reads are a 413 problem', async () => {
    const request =
      'POST /v1/follow-ups HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `Transfer-Encoding: chunked\r\n\r\n2;${'x'.repeat(20_000)}\r\n{}\r\n0\r\n\r\n`;
    expectProblem(await exchange(port, request), 413);
  });

  it('headers that never finish are a 408 problem once the deadline passes', async () => {
    expectProblem(await exchange(port, 'GET /health/live HTTP/1.1\r\nHost: x\r\n'), 408);
  });

  it('an unknown route and an unknown method are 404 problems to a signed-in caller, 401 to anyone else', async () => {
    const auth = `Authorization: Bearer ${await token(officer())}\r\n`;
    expectProblem(await exchange(port, get('/v1/nope', auth)), 404);
    expectProblem(await exchange(port, get('/v1/nope')), 401);
    expectProblem(
      await exchange(
        port,
        `PUT /v1/countries/SY/meetings HTTP/1.1\r\nHost: x\r\n${auth}Content-Length: 0\r\nConnection: close\r\n\r\n`,
      ),
      404,
    );
  });

  it('a body over the limit is a 413 problem and writes nothing', async () => {
    const before = await written(db);
    const body = JSON.stringify(meetingBody({ summary: 'x'.repeat(8_000) }));
    expectProblem(
      await exchange(
        port,
        `POST /v1/countries/SY/meetings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${await token(officer())}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      ),
      413,
    );
    expect(await written(db)).toBe(before);
  });

  it('any bytes as the request target get an answer that is no 5xx, and every 4xx a problem', async () => {
    // Raw bytes, not only percent-encoded ones: Node refuses some in the request line, the router others.
    const target = fc.oneof(
      fc
        .uint8Array({ minLength: 1, maxLength: 40 })
        .map((bytes) => Buffer.concat([Buffer.from('/v1/'), bytes])),
      fc
        .array(
          fc.constantFrom(
            'v1',
            'countries',
            'SY',
            'entries',
            '%',
            '%0',
            '%00',
            '%C0%80',
            '%ED%A0%80',
            '..',
            '',
            '?',
            '#',
            'a'.repeat(120),
          ),
          { maxLength: 6 },
        )
        .map((parts) => Buffer.from(`/${parts.join('/')}`, 'latin1')),
    );
    await fc.assert(
      fc.asyncProperty(target, async (bytes) => {
        const request = Buffer.concat([
          Buffer.from('GET '),
          bytes,
          Buffer.from(' HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
        ]);
        const answer = await exchange(port, request);
        const broken = answer.status === 0 ? 'no HTTP answer' : brokenContract(answer);
        if (broken) throw new Error(`GET ${JSON.stringify(bytes.toString('latin1'))}: ${broken}`);
      }),
      settings(60),
    );
  });
});
