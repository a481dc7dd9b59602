/** `--name N` from the command line, a positive number, or `fallback` when it is not given. */
export function positiveNumberOption(name: string, fallback: number, argv = process.argv): number {
  const index = argv.indexOf(`--${name}`);
  if (index === -1) return fallback;
  const value = Number(argv[index + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
  return value;
}
