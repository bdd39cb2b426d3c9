/**
 * Calls made with the same key while one is in flight share its answer instead of doing the work again: many
 * readers asking the same thing at once (leadership opening the dashboard on the morning of a visit) cost one
 * computation. Nothing is kept after the answer: a call made after it settles starts a new one. A failure is
 * shared too, and forgotten like an answer.
 */
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();

  run(key: string, work: () => Promise<T>): Promise<T> {
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const started = work().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  /** How many computations are in flight (for tests). */
  get size(): number {
    return this.inFlight.size;
  }
}
