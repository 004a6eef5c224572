# 62-rules-blind13.sh - what the thirteenth blind set found (issue 12), written
# here without its files: a SQL Server backup whose statement is built as
# dynamic SQL (BACKUP DATABASE [' + @Db + '] TO DISK), a managed database's
# backup asked through the AWS SDK (new CreateDBSnapshotCommand), a backup
# script that loops forever and sleeps until the next backup, the
# application's backup code on a timer (time.NewTicker in a file named for
# backups), a vercel.json cron calling the backup route, a C# event entity
# recording the acting user, the IP address and the event type; and two false
# passes:
# a Next.js route of a resource's status (app/(app)/api/domains/status) is no
# health endpoint (a health route directly under app/, a route group or api/
# still is), and a log line printing a queue's size when a notifier starts is
# no queue visibility.  fixtures/blind13 holds each form (asserted by path and
# line), fixtures/blind13-near the near misses: a RESTORE DATABASE and a
# commented BACKUP DATABASE, a wait loop with a short sleep, a commented ticker,
# a cron that cleans old backups, a commented SDK call.  Helpers are prefixed
# b62_ (one shared shell).

fxset_scan_sets b62 blind13

begin "blind13-near: every near miss leaves its rule failing (only secrets and 'no pending migrations' pass)"
fxset_near_passing b62 blind13 "['deploy.secrets-not-committed', 'deploy.no-pending-migrations']"
end

begin "backup script: dynamic T-SQL BACKUP DATABASE and an RDS snapshot through the AWS SDK; a RESTORE DATABASE, a commented BACKUP DATABASE and a commented SDK call are not"
fxset_ev b62 blind13 backup.script ops/mssql/backup-db.sql:9 ops/mssql/backup-loop.sh:9 web/lib/snapshot.ts:8
fxset_near_fails b62 blind13 backup.script
end

begin "backup schedule: a backup loop sleeping until the next day, a ticker in backup code, a vercel.json cron of the backup route; a wait loop, a commented ticker and a cleanup cron are not"
fxset_ev b62 blind13 backup.schedule ops/mssql/backup-loop.sh:4 server/store/autobackup.go:18 web/vercel.json:8
fxset_near_fails b62 blind13 backup.schedule
end

begin "health endpoint: a Next.js health route inside a route group counts; a resource's status route nested under api/domains is not"
fxset_ev b62 blind13 monitoring.health-endpoint 'web/app/(site)/api/health/route.ts:3'
fxset_near_fails b62 blind13 monitoring.health-endpoint
end

begin "worker heartbeat: a queue depth gauge counts; a log line printing the queue size is not"
fxset_ev b62 blind13 monitoring.worker-heartbeat server/metrics/queue.go:7
fxset_near_fails b62 blind13 monitoring.worker-heartbeat
end

begin "access traces: a C# event entity with the acting user, the IP address and the event type; an activity entity without the IP address is not"
fxset_ev b62 blind13 audit.access-traces src/Ledger.Core/Entities/LedgerEvent.cs:4
fxset_near_fails b62 blind13 audit.access-traces
end
