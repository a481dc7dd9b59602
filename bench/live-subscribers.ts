import { performance } from 'node:perf_hooks';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** One change as a subscriber heard it: the ids it named, the commit time it gave, and when it arrived. */
export interface Receipt {
  ids: string[];
  /** `at` of the change (the database clock as the notice was sent, just before the commit), in ms since the epoch. */
  noticedAt: number;
  /** performance.now() when the message arrived. */
  receivedAt: number;
}

export interface Subscribers {
  /** Per subscriber, every change it received, in order. */
  receipts: Receipt[][];
  /** Subscribers whose socket closed or whose subscription failed before dispose(), with the first reason. */
  failures: Map<number, string>;
  /** Resolves once every subscriber has received a change naming `id` (rejects after `timeoutMs`). */
  allReceived(id: string, timeoutMs: number): Promise<void>;
  dispose(): Promise<void>;
}

const CHANGES = 'subscription($c: String) { registryChanged(coalition: $c) { ids at } }';
/** Sockets opened at once: enough to open a thousand in seconds, few enough not to look like a flood. */
const OPENING_BATCH = 50;

/**
 * `count` graphql-ws clients (each a WebSocket of its own, as a thousand open dashboards would be),
 * each subscribed to `registryChanged` of `coalition` on `wsUrl`. Resolves once every socket is
 * acknowledged and has sent its subscription; the server may still be starting the last ones.
 */
export async function openSubscribers(wsUrl: string, coalition: string, count: number): Promise<Subscribers> {
  const clients: Client[] = [];
  const receipts: Receipt[][] = [];
  const failures = new Map<number, string>();
  let isDisposing = false;
  const fail = (index: number, why: string) => {
    if (!isDisposing && !failures.has(index)) failures.set(index, why);
  };

  const open = (index: number) =>
    new Promise<void>((resolve, reject) => {
      const heard: Receipt[] = [];
      receipts[index] = heard;
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        lazy: false,
        retryAttempts: 0,
        onNonLazyError: (error) => reject(new Error(`subscriber ${index} could not connect: ${describe(error)}`)),
        on: {
          connected: () => resolve(),
          closed: (event) => fail(index, `socket closed (${describe(event)})`),
        },
      });
      clients[index] = client;
      client.subscribe<{ registryChanged: { ids: string[] | null; at: string } }>(
        { query: CHANGES, variables: { c: coalition } },
        {
          next: ({ data, errors }) => {
            const receivedAt = performance.now();
            if (!data) return fail(index, `error result ${JSON.stringify(errors)}`);
            const { ids, at } = data.registryChanged;
            heard.push({ ids: ids ?? [], noticedAt: Date.parse(at), receivedAt });
          },
          error: (error) => fail(index, `subscription failed (${describe(error)})`),
          complete: () => fail(index, 'subscription completed'),
        },
      );
    });

  for (let first = 0; first < count; first += OPENING_BATCH) {
    const batch = Array.from({ length: Math.min(OPENING_BATCH, count - first) }, (_, offset) => open(first + offset));
    await Promise.all(batch);
  }

  const hasAllReceived = (id: string) => receipts.every((heard) => heard.some((receipt) => receipt.ids.includes(id)));
  return {
    receipts,
    failures,
    async allReceived(id, timeoutMs) {
      // Looked at every few ms, not on each message: a check per message would cost a thousand
      // subscribers' lists a thousand times, on the event loop that timestamps the messages.
      const deadline = Date.now() + timeoutMs;
      while (!hasAllReceived(id)) {
        if (Date.now() > deadline) throw new Error(`not every subscriber received change ${id} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async dispose() {
      isDisposing = true;
      await Promise.all(clients.map((client) => client.dispose()));
    },
  };
}

/** A close event or an error, in a few words. */
function describe(reason: unknown): string {
  if (reason instanceof Error) return reason.message;
  const event = reason as { code?: number; reason?: string };
  return typeof event?.code === 'number' ? `code ${event.code} ${event.reason ?? ''}`.trim() : String(reason);
}
