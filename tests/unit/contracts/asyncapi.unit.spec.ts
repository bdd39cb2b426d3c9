import { Parser } from '@asyncapi/parser';
import { asyncApiDocument, DERIVED_EVENT_TYPES, EVENT_HEADERS, EVENT_TYPE_NAMES } from '#contracts';
import { spectral } from '../../support/spectral.js';

const LEVELS = ['unclassified', 'restricted', 'confidential', 'secret'];
const document = asyncApiDocument({
  topicPrefix: 'demarche',
  levels: LEVELS,
  partitions: 6,
  brokers: ['kafka-1.example.net:9093', 'kafka-2.example.net:9093'],
  schemaBaseUrl: 'https://demarche.example.net/',
  version: '0.1.0',
});

/** Diagnostics of severity error (0) the parser reports. */
async function parserErrors(doc: unknown): Promise<string[]> {
  const diagnostics = await new Parser().validate(JSON.stringify(doc));
  return diagnostics
    .filter((d) => d.severity === 0)
    .map((d) => `${d.code} ${d.path.join('.')}: ${d.message}`);
}

describe('the AsyncAPI document', () => {
  it('has a channel per level, its dead letters and its derived events, and a message per event type', () => {
    const channels = document.channels as Record<string, { address: string; messages: object }>;
    expect(Object.values(channels).map((c) => c.address)).toEqual(
      LEVELS.flatMap((l) => [
        `demarche.engagement.${l}`,
        `demarche.engagement.${l}.dlq`,
        `demarche.derived.${l}`,
      ]),
    );
    expect(Object.keys(channels['engagement-secret']?.messages ?? {})).toEqual([...EVENT_TYPE_NAMES]);
    expect(Object.keys(channels['derived-secret']?.messages ?? {})).toEqual([...DERIVED_EVENT_TYPES]);
    const message = (document.components as { messages: Record<string, Record<string, unknown>> }).messages
      .ContractAwarded as { headers: { required: string[]; properties: Record<string, unknown> } };
    expect(message.headers.required).toContain(EVENT_HEADERS.dataSchema);
    expect(message.headers.required).not.toContain(EVENT_HEADERS.causationId);
    expect(message.headers.properties[EVENT_HEADERS.type]).toEqual({
      type: 'string',
      const: 'ContractAwarded',
    });
  });

  it('is valid for the AsyncAPI parser (no diagnostics of severity error)', async () => {
    expect(await parserErrors(document)).toEqual([]);
  });

  it('the parser check can fail: a document with a broken reference is refused', async () => {
    const broken = structuredClone(document) as { operations: Record<string, { channel: { $ref: string } }> };
    (broken.operations['receive-engagement-secret'] as { channel: { $ref: string } }).channel.$ref =
      '#/channels/nowhere';
    expect(await parserErrors(broken)).not.toEqual([]);
  });

  it('passes Spectral with the spectral:asyncapi ruleset (no errors), which does fail on an error', async () => {
    expect(await spectral(document, 'spectral:asyncapi')).toEqual({ status: 0, errors: [] });
    // An operation whose action is neither send nor receive.
    const broken = structuredClone(document) as { operations: Record<string, { action: string }> };
    (broken.operations['receive-engagement-secret'] as { action: string }).action = 'consume';
    const verdict = await spectral(broken, 'spectral:asyncapi');
    expect(verdict.status).not.toBe(0);
    expect(verdict.errors).not.toEqual([]);
  });
});
