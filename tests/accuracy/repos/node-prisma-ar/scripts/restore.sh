#!/bin/sh
# استعادة نسخة إلى البيئة المرحلية
set -eu
pg_restore --clean --no-owner --dbname="$DATABASE_URL" "$1/matjar.dump"
tar -xzf "$1/uploads.tar.gz" -C /srv/matjar/uploads
