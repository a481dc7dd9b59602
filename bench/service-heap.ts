/** The service's V8 heap in use, in bytes, as its /metrics reports it (prom-client's default metrics). */
export async function heapUsedBytes(baseUrl: string): Promise<number> {
  const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
  return Number(/^nodejs_heap_size_used_bytes (\S+)/m.exec(metrics)?.[1] ?? NaN);
}
