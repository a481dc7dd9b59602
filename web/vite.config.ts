import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const page = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/**
 * The dashboard (/), the admin console (/admin) and the GraphQL explorer (/graphql) as static files under dist/web, which the
 * service serves itself: every script, style, font, worker and map shape is bundled, so the pages
 * work on a closed network.
 */
export default defineConfig({
  root: page('.'),
  // Relative asset URLs, so the pages also work behind a proxy that mounts the service under a path.
  base: './',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: page('../dist/web'),
    emptyOutDir: true,
    // GraphiQL's Monaco editor is one large chunk by design; it is only loaded by the explorer.
    chunkSizeWarningLimit: 5000,
    rollupOptions: {
      input: { dashboard: page('index.html'), admin: page('admin.html'), explorer: page('graphiql.html') },
      onLog(level, log, forward) {
        // React libraries mark modules "use client" for server frameworks; it means nothing in a browser bundle.
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        forward(level, log);
      },
    },
  },
  worker: { format: 'es' },
});
