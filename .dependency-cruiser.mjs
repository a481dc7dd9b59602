/**
 * The house's layering, checked by `npm run lint` (dependency-cruiser over src/, type-only imports
 * included). test/layering-rules.spec.ts proves each rule refuses the import it is about.
 */
export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two files one unit that can only be understood, tested and changed together.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-features',
      severity: 'error',
      comment: 'Nor may two feature folders depend on each other: one of them is then not a feature of its own.',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'infrastructure-imports-no-feature',
      severity: 'error',
      comment:
        'database/, config/ and common/ are the bottom of the house: they import no feature, no migration and ' +
        'not the composition root (src/*.ts). An entry point (*.cli.ts) is a composition root wherever it lives.',
      from: { path: '^src/(database|config|common)/', pathNot: '[.]cli[.]ts$' },
      to: { path: '^(src/|migrations/)', pathNot: '^src/(database|config|common)/' },
    },
    {
      name: 'features-do-not-import-the-composition-root',
      severity: 'error',
      comment:
        'The composition root (src/*.ts: app.module, main, registry-database...) wires the features; they do not reach up to it.',
      from: { path: '^src/[^/]+/', pathNot: '[.]cli[.]ts$' },
      to: { path: '^src/[^/]+[.]ts$' },
    },
    {
      name: 'no-foreign-repository',
      severity: 'error',
      comment:
        "A feature's SQL, fragments and row mappers are its own: another feature calls its service or loader, " +
        'or a subquery builder it exports on purpose (e.g. sources/cited-sources.subquery.ts).',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/[^/]+[.]repository[.]ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'only-the-membership-ledger-writes-memberships',
      severity: 'error',
      comment:
        'membership and membership_event have one writer: the ledger (its Nest module only provides it). ' +
        'Everyone else calls MembershipLedger.',
      from: { pathNot: '^src/memberships/(membership-ledger|memberships[.]module)[.]ts$' },
      to: { path: '^src/memberships/membership-ledger[.]repository[.]ts$' },
    },
    {
      name: 'only-the-commitment-ledger-writes-commitments',
      severity: 'error',
      comment:
        'commitment has one writer: the commitment ledger (its Nest module only provides it). ' +
        'Everyone else calls CommitmentLedger.',
      from: { pathNot: '^src/commitments/(commitment-ledger|commitments[.]module)[.]ts$' },
      to: { path: '^src/commitments/commitment-ledger[.]repository[.]ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // The layering is the service's; a spec may reach for a shared test helper (test/support/).
    exclude: { path: '[.]spec[.]ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
