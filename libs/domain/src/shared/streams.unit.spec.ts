import { type StreamCategory, streamCategory, streamEntityId } from './streams.js';

const ID = '0191f4d2-0000-7000-8000-000000000001';

const KNOWN: readonly [streamId: string, category: StreamCategory, entityId: string][] = [
  [`engagement-${ID}`, 'engagement', ID],
  [`follow-up-${ID}`, 'follow-up', ID],
  [`incentive-${ID}`, 'incentive', ID],
  [`support-${ID}`, 'support', ID],
  [`contract-${ID}`, 'contract', ID],
  ['vendor-huawei', 'vendor', 'huawei'],
  ['vendor-hmn-tech', 'vendor', 'hmn-tech'],
  [`observation-${ID}`, 'observation', ID],
];

const UNKNOWN = [
  `follow-${ID}`,
  `followup-${ID}`,
  `up-${ID}`,
  `sanction-${ID}`,
  `Engagement-${ID}`,
  `-engagement-${ID}`,
  'engagement',
  '',
];

describe('stream category', () => {
  it.each(KNOWN)('names %s a %s stream', (streamId, category) => {
    expect(streamCategory(streamId)).toBe(category);
  });

  it.each(UNKNOWN)('does not know %p', (streamId) => {
    expect(streamCategory(streamId)).toBeUndefined();
  });
});

describe('stream entity id', () => {
  it.each(KNOWN)('takes the prefix off %s', (streamId, _category, entityId) => {
    expect(streamEntityId(streamId)).toBe(entityId);
  });

  it.each(UNKNOWN)('returns the unknown stream id %p whole', (streamId) => {
    expect(streamEntityId(streamId)).toBe(streamId);
  });
});
