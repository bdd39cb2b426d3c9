import { CORRECTABLE_FIELDS } from '#domain';
import {
  actionsFor,
  correctionFields,
  ENTRY_ACTIONS,
  RECORD_FORMS,
  subjectOf,
} from '../../../apps/web/src/forms/catalogue.js';

describe('the forms catalogue', () => {
  it('asks every correctable field of every entry type, under changes., with a reason', () => {
    for (const [type, correctable] of Object.entries(CORRECTABLE_FIELDS)) {
      const names = correctionFields(type).map((field) => field.name);
      for (const field of ['occurredAt', 'source', 'confidence', ...correctable]) {
        if (field === 'changes') continue;
        expect({ type, field, asked: names.includes(`changes.${field}`) }).toEqual({
          type,
          field,
          asked: true,
        });
      }
      expect(names.at(-1)).toBe('reason');
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('has one form per command that starts an entry, each field once', () => {
    expect(RECORD_FORMS.map((form) => form.slug)).toEqual([
      'meeting',
      'dialogue',
      'follow-up',
      'offer',
      'technical-support',
      'contract',
      'response',
      'competing-offer',
      'vendor',
      'vendor-risk',
    ]);
    for (const form of [...RECORD_FORMS, ...ENTRY_ACTIONS]) {
      const names = form.fields.map((field) => field.name);
      expect({ form: form.slug, names: new Set(names).size }).toEqual({
        form: form.slug,
        names: names.length,
      });
    }
    expect(RECORD_FORMS.filter((form) => form.audience === 'admin').map((form) => form.slug)).toEqual([
      'vendor',
      'vendor-risk',
    ]);
  });

  it('posts each form to its command’s path', () => {
    const paths = Object.fromEntries(RECORD_FORMS.map((form) => [form.slug, form.path('SY', 'zte')]));
    expect(paths).toEqual({
      meeting: '/v1/countries/SY/meetings',
      dialogue: '/v1/countries/SY/dialogues',
      'follow-up': '/v1/follow-ups',
      offer: '/v1/countries/SY/incentive-offers',
      'technical-support': '/v1/countries/SY/technical-support',
      contract: '/v1/countries/SY/contracts',
      response: '/v1/countries/SY/responses',
      'competing-offer': '/v1/countries/SY/competing-offers',
      vendor: '/v1/vendors',
      'vendor-risk': '/v1/vendors/zte/risk',
    });
  });

  it('tells what an entry records from its stream, and offers the actions of its state', () => {
    expect(subjectOf('incentive-42')).toEqual({ kind: 'incentive', id: '42' });
    expect(subjectOf('follow-up-7')).toEqual({ kind: 'follow-up', id: '7' });
    expect(subjectOf('support-9')).toEqual({ kind: 'support', id: '9' });
    expect(subjectOf('engagement-1')).toBeUndefined();
    const slugs = (stream: string, status?: string, retracted = false) =>
      actionsFor(stream, status, retracted).map((action) => action.slug);
    expect(slugs('incentive-1', 'offered')).toEqual([
      'amend',
      'accept',
      'decline',
      'withdraw',
      'expire',
      'correct',
      'retract',
    ]);
    expect(slugs('incentive-1', 'accepted')).toEqual(['correct', 'retract']);
    expect(slugs('contract-1', 'active')).toEqual([
      'amend-contract',
      'replace',
      'terminate',
      'correct',
      'retract',
    ]);
    expect(slugs('support-1', 'active')).toEqual(['milestone', 'close', 'correct', 'retract']);
    expect(slugs('follow-up-1', 'done')).toEqual(['correct', 'retract']);
    expect(slugs('engagement-1')).toEqual(['correct', 'retract']);
    expect(slugs('engagement-1', undefined, true)).toEqual([]);
    const offerPaths = ENTRY_ACTIONS.filter((a) => a.subject === 'incentive').map((a) => a.path('o1', 'e1'));
    expect(offerPaths).toEqual([
      '/v1/incentive-offers/o1/amend',
      '/v1/incentive-offers/o1/accept',
      '/v1/incentive-offers/o1/decline',
      '/v1/incentive-offers/o1/withdraw',
      '/v1/incentive-offers/o1/expire',
    ]);
  });
});
