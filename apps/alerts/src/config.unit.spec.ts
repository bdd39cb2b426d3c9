import { AlertsConfigError, loadAlertsConfig } from './config.js';

const KEY = JSON.stringify({ kty: 'OKP', crv: 'Ed25519', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' });

describe('alerts configuration', () => {
  it('reads webhooks with their clearance and countries', () => {
    const config = loadAlertsConfig({
      AUTH_PUBLIC_KEY: KEY,
      ALERTS_WEBHOOKS: JSON.stringify([
        { name: 'ops', url: 'https://hooks.example/ops', secret: 'sixteen-chars-ok', clearance: 'secret' },
        { name: 'desk', url: 'http://127.0.0.1:9/x', secret: 'sixteen-chars-ok', countries: ['SY', 'IQ'] },
      ]),
    });
    expect(config.webhooks).toEqual([
      expect.objectContaining({ name: 'ops', clearance: 'secret', countries: 'all' }),
      expect.objectContaining({ name: 'desk', clearance: 'unclassified', countries: ['SY', 'IQ'] }),
    ]);
    expect(config.kafka.groupId).toBe('alerts');
    expect(config.delivery).toMatchObject({ maxAttempts: 8, backoffMs: 2_000 });
  });

  it('names every problem at once', () => {
    let error: unknown;
    try {
      loadAlertsConfig({
        ALERTS_PORT: 'x',
        KAFKA_SASL_USERNAME: 'alerts',
        ALERTS_WEBHOOKS: JSON.stringify([
          { name: 'Bad Name', url: 'ftp://x', secret: 'short', clearance: 'top', countries: ['sy'] },
        ]),
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AlertsConfigError);
    const message = (error as Error).message;
    for (const name of [
      'ALERTS_PORT',
      'KAFKA_SASL_PASSWORD',
      'AUTH_JWKS_URL or AUTH_PUBLIC_KEY',
      'ALERTS_WEBHOOKS[0].name',
      'ALERTS_WEBHOOKS[0].url',
      'ALERTS_WEBHOOKS[0].secret',
      'ALERTS_WEBHOOKS[0].clearance',
      'ALERTS_WEBHOOKS[0].countries',
    ])
      expect(message).toContain(name);
    expect(() => loadAlertsConfig({ AUTH_PUBLIC_KEY: KEY, ALERTS_WEBHOOKS: '{' })).toThrow(/JSON array/);
  });
});
