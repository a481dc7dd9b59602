import { spawn } from 'node:child_process';

/**
 * A new admin key made by the built key CLI (`npm run apikey -- create`), as an operator makes one, on
 * the database `env` names. The CLI prints the key last.
 */
export function createAdminKey(name: string, env: NodeJS.ProcessEnv): Promise<string> {
  const args = ['dist/src/auth/apikey.cli.js', 'create', '--role', 'admin', '--name', name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(output.trim().split('\n').at(-1)!) : reject(new Error(`${args.join(' ')} exited ${code}`)),
    );
  });
}
