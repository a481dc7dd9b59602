import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Receipt } from './live-subscribers.js';
import { percentile } from './percentile.js';

/** One measured write: the id of the commitment it made, when it was sent and when it was acknowledged. */
export interface TimedWrite {
  id: string;
  /** performance.now() when the request left, and when its answer arrived. */
  sentAt: number;
  acknowledgedAt: number;
}

/** The service's memory (bytes) with no subscriber, and with all of them subscribed. */
export interface MemoryReadings {
  rssBefore: number;
  rssWith: number;
  heapBefore: number;
  heapWith: number;
}

export interface FanoutReport {
  subscribers: number;
  writes: number;
  /** Messages a subscriber should have had (writes x subscribers), and how many of them arrived. */
  expected: number;
  delivered: number;
  lines: string[];
}

function spread(label: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const ms = (share: number) => percentile(sorted, share).toFixed(1);
  return `${label}: p50 ${ms(0.5)}, p90 ${ms(0.9)}, p99 ${ms(0.99)}, max ${ms(1)}`;
}

const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const kibEach = (bytes: number, count: number) => (bytes / count / 1024).toFixed(1);

/**
 * What the run measured: whether every subscriber heard every write, the fan-out latency to the
 * message at each subscriber (from the write's acknowledgement, from its request, and from its notice:
 * `at`, the database clock read by the write's last statement before its commit), and the memory each
 * connection costs the service.
 */
export function reportFanout(
  writes: TimedWrite[],
  receipts: Receipt[][],
  memory: MemoryReadings,
  loadBefore: number[],
): FanoutReport {
  const fromAcknowledgement: number[] = [];
  const fromRequest: number[] = [];
  const fromNotice: number[] = [];
  const written = new Map(writes.map((write) => [write.id, write]));
  for (const heard of receipts) {
    for (const receipt of heard) {
      const write = receipt.ids.map((id) => written.get(id)).find(Boolean);
      if (!write) continue;
      fromAcknowledgement.push(receipt.receivedAt - write.acknowledgedAt);
      fromRequest.push(receipt.receivedAt - write.sentAt);
      fromNotice.push(performance.timeOrigin + receipt.receivedAt - receipt.noticedAt);
    }
  }
  const subscribers = receipts.length;
  const expected = writes.length * subscribers;
  const delivered = fromRequest.length;
  const load = (averages: number[]) => averages.map((value) => value.toFixed(2)).join(' ');
  const lines = [
    `live fan-out: ${subscribers} subscribers on one instance, ${writes.length} writes (one a second)`,
    `delivered: ${delivered} of ${expected} messages (${expected - delivered} missing)`,
    spread('latency ms, write acknowledged -> subscriber', fromAcknowledgement),
    spread('latency ms, write sent -> subscriber', fromRequest),
    spread('latency ms, notice sent (database clock) -> subscriber', fromNotice),
    spread(
      'write ms (sent -> acknowledged)',
      writes.map((write) => write.acknowledgedAt - write.sentAt),
    ),
    `service RSS MiB: ${mib(memory.rssBefore)} without subscribers, ${mib(memory.rssWith)} with them: ` +
      `${kibEach(memory.rssWith - memory.rssBefore, subscribers)} KiB a connection`,
    `service heap used MiB: ${mib(memory.heapBefore)} -> ${mib(memory.heapWith)}: ` +
      `${kibEach(memory.heapWith - memory.heapBefore, subscribers)} KiB a connection`,
    `machine: ${os.cpus().length} cores, load average (1, 5, 15 min) ${load(loadBefore)} before, ${load(os.loadavg())} after`,
  ];
  return { subscribers, writes: writes.length, expected, delivered, lines };
}
