import net from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../../apps/api/src/bootstrap.js';
import { officer, token } from '../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testConfig, uniqueName } from '../support/env.js';

/** Opens a raw connection and resolves with everything the server sent once it closes it, and when. */
function connect(port: number): { socket: net.Socket; closed: Promise<{ data: string; afterMs: number }> } {
  const started = Date.now();
  const socket = net.connect({ host: '127.0.0.1', port });
  let data = '';
  socket.on('data', (chunk) => {
    data += chunk.toString('utf8');
  });
  socket.on('error', () => undefined);
  const closed = new Promise<{ data: string; afterMs: number }>((resolve) =>
    socket.on('close', () => resolve({ data, afterMs: Date.now() - started })),
  );
  return { socket, closed };
}

describe('slow and too many clients', () => {
  let db: TestDatabase;
  let api: NestFastifyApplication;
  let port: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = testConfig({
      databaseUrl: db.url,
      topicPrefix: uniqueName('slow-clients'),
      extra: {
        HTTP_HEADERS_TIMEOUT_MS: '500',
        HTTP_REQUEST_TIMEOUT_MS: '1000',
        HTTP_KEEP_ALIVE_TIMEOUT_MS: '300',
        HTTP_MAX_CONNECTIONS: '4',
      },
    });
    api = await createApiApp(config, { logger: false });
    await api.listen(0, '127.0.0.1');
    port = (api.getHttpServer().address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it('drops a request whose body stalls once the request deadline passes', async () => {
    const { socket, closed } = connect(port);
    socket.write(
      'POST /v1/countries/SY/meetings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        `Authorization: Bearer ${await token(officer())}\r\nContent-Length: 1000\r\n\r\n{"occ`,
    );
    const { data, afterMs } = await closed;
    expect(data).toMatch(/^HTTP\/1\.1 408/);
    // The deadline is 1 s; Node checks deadlines every 500 ms here.
    expect(afterMs).toBeLessThan(5_000);
  });

  it('drops a client that never finishes its headers', async () => {
    const { socket, closed } = connect(port);
    socket.write('GET /health/live HTTP/1.1\r\nHost: x\r\n');
    const { data } = await closed;
    expect(data).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes an idle keep-alive connection', async () => {
    const { socket, closed } = connect(port);
    socket.write('GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n');
    const { data } = await closed;
    expect(data).toMatch(/^HTTP\/1\.1 200/);
  });

  it('answers connections beyond the cap with 503 problem+json, and serves again once they go', async () => {
    const held = Array.from({ length: 4 }, () => connect(port));
    for (const { socket } of held)
      socket.write('POST /v1/follow-ups HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const extra = connect(port);
    const refused = await extra.closed;
    expect(refused.data).toMatch(/^HTTP\/1\.1 503/);
    expect(refused.data).toMatch(/content-type: application\/problem\+json/i);
    expect(refused.data).toContain('TOO_MANY_CONNECTIONS');
    for (const { socket } of held) socket.destroy();
    await Promise.all(held.map((h) => h.closed));
    const response = await fetch(`http://127.0.0.1:${port}/health/live`);
    expect(response.status).toBe(200);
  });
});
