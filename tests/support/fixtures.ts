/** A valid meeting body; tests override what they are about. */
export function meetingBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    occurredAt: '2026-02-10T10:00:00Z',
    location: 'Damascus',
    envoys: [{ name: 'A. Envoy', title: 'Special Envoy', organisation: 'Department of State' }],
    counterparts: [
      {
        name: 'B. Minister',
        title: 'Minister of Communications',
        organisation: 'Ministry of Communications',
      },
    ],
    topics: ['telecom reform', 'cybersecurity'],
    concerns: ['network-vulnerability', 'strategic-leverage'],
    vendorsDiscussed: ['Huawei'],
    summary: 'Synthetic test meeting on vendor diversity.',
    outcome: 'Ministry open to a technical review.',
    nextSteps: ['Share a vendor-diversity roadmap'],
    ...overrides,
  };
}
