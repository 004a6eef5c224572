/* file.c - a whole file read into a buffer, with a size cap. */
#include "util/file.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "util/err.h"

#define GIB ((size_t)1 << 30)

static int too_large(size_t max)
{
	if (max >= GIB && max % GIB == 0)
		return err_set("larger than %zu GiB", max / GIB);
	return err_set("larger than %zu bytes", max);
}

int file_read(struct buf *out, const char *path, size_t max)
{
	struct buf b = BUF_INIT;
	char chunk[65536];
	struct stat st;
	FILE *f;
	size_t n;
	int rc = -1;

	if (max > BUF_MAX)
		max = BUF_MAX;
	if (!(f = fopen(path, "rb")))
		return err_set("%s", err_os(errno));
	/* a size known up front is refused before anything is read */
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
		too_large(max);
		goto done;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (n > max - b.len || buf_put(&b, chunk, n) < 0) {
			too_large(max);
			goto done;
		}
	}
	if (ferror(f)) {
		err_set("%s", err_os(errno));
		goto done;
	}
	buf_put(&b, "", 0); /* an empty file is "" too, never a NULL pointer */
	*out = b;
	memset(&b, 0, sizeof(b));
	rc = 0;
done:
	fclose(f);
	buf_free(&b);
	return rc;
}
