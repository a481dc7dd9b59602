import { useEffect, useState } from 'react';

export interface QueryState<Data> {
  data: Data | undefined;
  error: Error | undefined;
  isLoading: boolean;
}

/**
 * Runs a registry request whenever its inputs change, and forgets the answer to a request that a
 * newer one replaced (typing in the search box must not show an older, slower answer last).
 */
export function useRegistryQuery<Data>(
  load: (signal: AbortSignal) => Promise<Data>,
  inputs: unknown[],
): QueryState<Data> {
  const [state, setState] = useState<QueryState<Data>>({ data: undefined, error: undefined, isLoading: true });
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, isLoading: true }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: undefined, isLoading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({
          data: undefined,
          error: error instanceof Error ? error : new Error(String(error)),
          isLoading: false,
        });
      },
    );
    return () => controller.abort();
    // The caller lists what the request depends on, as with useEffect itself.
  }, inputs);
  return state;
}
