#!/bin/sh
# نسخ احتياطي ليلي لقاعدة البيانات والصور المرفوعة
set -eu
out="/backups/$(date -u +%Y%m%d)"
mkdir -p "$out"
pg_dump --format=custom --file="$out/matjar.dump" "$DATABASE_URL"
tar -czf "$out/uploads.tar.gz" -C /srv/matjar/uploads .
sha256sum "$out"/* > "$out/SHA256SUMS"
