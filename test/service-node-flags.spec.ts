import { readFileSync } from 'node:fs';
import { SERVICE_NODE_FLAGS } from '../bench/systems.js';

/** The Dockerfile cannot import scripts/service-node-flags.mjs: its CMD writes the flags out, the same ones. */
it('runs the service with the same Node flags under npm start, the bench and the Dockerfile', () => {
  const command = readFileSync('Dockerfile', 'utf8')
    .split('\n')
    .find((line) => line.startsWith('CMD '));
  expect(SERVICE_NODE_FLAGS.length).toBeGreaterThan(0);
  expect(JSON.parse(command!.slice('CMD '.length))).toEqual(['node', ...SERVICE_NODE_FLAGS, 'dist/src/main.js']);
});
