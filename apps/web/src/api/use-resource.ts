import { useEffect, useState } from 'react';
import { ApiError } from './client';

export type Resource<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: Error }
  | { readonly state: 'ready'; readonly value: T };

/**
 * Loads `load()` when `key` changes, cancelling the previous load; a 401 (the token expired or was refused)
 * calls `onUnauthenticated`, so that the reader is sent to sign in again.
 */
export function useResource<T>(
  key: string,
  load: (signal: AbortSignal) => Promise<T>,
  onUnauthenticated: () => void,
): Resource<T> {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what is loaded; `load` is a new closure each render
  useEffect(() => {
    const controller = new AbortController();
    setResource({ state: 'loading' });
    load(controller.signal).then(
      (value) => setResource({ state: 'ready', value }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.problem.status === 401) return onUnauthenticated();
        setResource({ state: 'failed', error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
  }, [key]);
  return resource;
}
