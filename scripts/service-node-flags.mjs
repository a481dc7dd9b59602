// The Node flags the service runs with: `npm start` (start.mjs), the bench and the soak (bench/systems.ts),
// and the Dockerfile's CMD (written out there; test/service-node-flags.spec.ts keeps it the same).
//
// A young generation of 32 MiB. With the default (16 MiB) garbage collection once took a fifth of the
// CPU under load. 64 MiB collected least often, but each young collection then paused everything in
// flight for about 11 ms on average, the p99 tail; 32 MiB pauses about 7 ms for some 3% of throughput
// (side by side: README, "The uncached engine").
export const SERVICE_NODE_FLAGS = ['--max-semi-space-size=32'];
