#!/bin/sh
# The streaming replica: on its first start, a base backup of the primary (pg_basebackup -R writes
# standby.signal and primary_conninfo), then PostgreSQL as a hot standby.
set -eu
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  until pg_isready -h primary -U "$POSTGRES_USER"; do sleep 1; done
  pg_basebackup -h primary -U "$POSTGRES_USER" -D "$PGDATA" -R -X stream -S replica_1 -P
  chmod 0700 "$PGDATA"
fi
exec postgres -c hot_standby=on
