import { SingleFlight } from './single-flight.js';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SingleFlight', () => {
  it('gives calls with the same key made while one is in flight its answer, with one computation', async () => {
    const flight = new SingleFlight<string>();
    const answer = deferred<string>();
    let calls = 0;
    const work = () => {
      calls += 1;
      return answer.promise;
    };
    const first = flight.run('a', work);
    const second = flight.run('a', work);
    expect(calls).toBe(1);
    answer.resolve('figures');
    await expect(first).resolves.toBe('figures');
    await expect(second).resolves.toBe('figures');
    expect(flight.size).toBe(0);
  });

  it('computes apart for different keys, and anew once the answer is given', async () => {
    const flight = new SingleFlight<string>();
    let calls = 0;
    const work = (value: string) => async () => {
      calls += 1;
      return value;
    };
    const [a, b] = await Promise.all([flight.run('a', work('A')), flight.run('b', work('B'))]);
    expect([a, b]).toEqual(['A', 'B']);
    await expect(flight.run('a', work('A again'))).resolves.toBe('A again');
    expect(calls).toBe(3);
  });

  it('shares a failure with the calls that waited on it, then forgets it', async () => {
    const flight = new SingleFlight<string>();
    const answer = deferred<string>();
    const first = flight.run('a', () => answer.promise);
    const second = flight.run('a', async () => 'never');
    answer.reject(new Error('database down'));
    await expect(first).rejects.toThrow('database down');
    await expect(second).rejects.toThrow('database down');
    await expect(flight.run('a', async () => 'recovered')).resolves.toBe('recovered');
  });
});
