export default async function globalTeardown() {
  await globalThis.registryTestDatabase?.stop();
}
