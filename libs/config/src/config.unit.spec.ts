import { ConfigError, loadConfig } from './config.js';

describe('configuration from the environment', () => {
  it('falls back to local defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(config.databaseUrl).toMatch(/^postgres:\/\//);
  });

  it('parses numbers and broker lists', () => {
    const config = loadConfig({ PORT: '8080', KAFKA_BROKERS: 'a:1,b:2', KAFKA_PARTITIONS: '12' });
    expect(config.http.port).toBe(8080);
    expect(config.kafka.brokers).toEqual(['a:1', 'b:2']);
    expect(config.kafka.partitions).toBe(12);
  });

  it('names every invalid variable', () => {
    expect(() => loadConfig({ PORT: 'http', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'http', DATABASE_URL: 'mysql://x' })).toThrow(
      /PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/,
    );
  });

  it('runs the scheduler every minute by default, at the interval given, or not at all with 0', () => {
    expect(loadConfig({}).scheduler.intervalMs).toBe(60_000);
    expect(loadConfig({ SCHEDULER_INTERVAL_MS: '5000' }).scheduler.intervalMs).toBe(5_000);
    expect(loadConfig({ SCHEDULER_INTERVAL_MS: '0' }).scheduler.intervalMs).toBe(0);
    expect(() => loadConfig({ SCHEDULER_INTERVAL_MS: '-1' })).toThrow(/SCHEDULER_INTERVAL_MS/);
  });

  it('reads through DATABASE_URL unless READ_DATABASE_URL names a replica', () => {
    const primary = 'postgres://p@primary:5432/demarche';
    expect(loadConfig({ DATABASE_URL: primary }).reads.databaseUrl).toBe(primary);
    const replica = 'postgres://p@replica:5432/demarche';
    expect(loadConfig({ DATABASE_URL: primary, READ_DATABASE_URL: replica }).reads.databaseUrl).toBe(replica);
    expect(loadConfig({ DATABASE_URL: primary, READ_DATABASE_URL: replica }).databaseUrl).toBe(primary);
    expect(() => loadConfig({ READ_DATABASE_URL: 'mysql://x' })).toThrow(/READ_DATABASE_URL/);
  });
});
