// `npm start`: builds what changed, then runs the service. The server is built first (it is what
// starts); the web pages, when theirs changed, are built meanwhile in the background, so GraphQL
// answers at once and the dashboard appears at / when its build is done. Signals go to the service,
// which stops as it always does; its exit code is ours.
import { spawn } from 'node:child_process';
import { buildStep } from './build.mjs';
import { SERVICE_NODE_FLAGS } from './service-node-flags.mjs';

const log = (line) => process.stderr.write(`${line}\n`);

try {
  await buildStep('server');
} catch (error) {
  log(error.message);
  process.exit(1);
}
const stopWebBuild = new globalThis.AbortController();
buildStep('web', { signal: stopWebBuild.signal, isBackground: true }).catch((error) => {
  if (!stopWebBuild.signal.aborted) log(`The web pages could not be built (GraphQL is unaffected): ${error.message}`);
});

const service = spawn(process.execPath, [...SERVICE_NODE_FLAGS, 'dist/src/main.js'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => service.kill(signal));
service.on('exit', (code, signal) => {
  stopWebBuild.abort();
  process.exit(code ?? (signal ? 1 : 0));
});
