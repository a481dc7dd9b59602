#!/bin/sh
# Runs once, when the primary's data directory is created (the postgres image's /docker-entrypoint-initdb.d):
# lets the replica connect for streaming replication, and keeps the WAL it still needs in a slot.
set -eu
echo "host replication ${POSTGRES_USER} all scram-sha-256" >> "$PGDATA/pg_hba.conf"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -c "SELECT pg_create_physical_replication_slot('replica_1')"
