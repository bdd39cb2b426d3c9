import type { Decider } from '../shared/decider.js';
import type { DomainError } from '../shared/errors.js';
import type { DomainEvent } from '../shared/event.js';

/**
 * given(events).when(command).thenEmits(events) / .thenRefuses(code), for decider unit tests.
 * (Not `then`: an object with a `then` method is mistaken for a promise.)
 */
export function deciderSpecification<C, E extends DomainEvent, S>(decider: Decider<C, E, S>) {
  return (given: readonly E[]) => ({
    when: (command: C) => {
      const run = () => decider.decide(command, given.reduce(decider.evolve, decider.initialState()));
      return {
        thenEmits: (expected: readonly E[]) => expect(run()).toEqual(expected),
        thenRefuses: (code: string, details: Record<string, unknown> = {}) => {
          let error: unknown;
          try {
            run();
          } catch (caught) {
            error = caught;
          }
          expect(error).toBeDefined();
          expect(error).toMatchObject({
            code,
            details: expect.objectContaining(details),
          } as Partial<DomainError>);
        },
      };
    },
  });
}
