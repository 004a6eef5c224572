/*
 * fuzz_loose.c - loose object files (git/loose.h), which libgit2 1.5.1 cannot read safely.
 *
 * Input: the bytes of one loose object file.  loose_parse must refuse it
 * or give exactly the body its header declares: deflated again with that
 * header, it must read back the same.  A crash, a leak, a hang or reading
 * outside the input fails.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "git/loose.h"

static const char *type_name(git_object_t t)
{
	return t == GIT_OBJECT_COMMIT ? "commit" : t == GIT_OBJECT_TREE ? "tree" : t == GIT_OBJECT_TAG ? "tag" : "blob";
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *body = NULL, *again = NULL;
	size_t len = 0, len2 = 0, hlen;
	git_object_t type = GIT_OBJECT_INVALID, type2 = GIT_OBJECT_INVALID;
	char head[64];
	unsigned char *raw, *z;
	uLongf zlen;

	if (size > 1 << 20 || loose_parse(&body, &len, &type, data, size) < 0)
		return 0;
	if (((const char *)body)[len] != '\0')
		fuzz_fail("a body of %zu bytes is not NUL-terminated", len);
	hlen = (size_t)snprintf(head, sizeof(head), "%s %zu", type_name(type), len) + 1;
	raw = malloc(hlen + len);
	memcpy(raw, head, hlen);
	memcpy(raw + hlen, body, len);
	zlen = compressBound((uLong)(hlen + len));
	z = malloc(zlen);
	if (compress(z, &zlen, raw, (uLong)(hlen + len)) != Z_OK)
		fuzz_fail("zlib cannot deflate %zu bytes", hlen + len);
	if (loose_parse(&again, &len2, &type2, z, zlen) < 0 || len2 != len || type2 != type || memcmp(again, body, len))
		fuzz_fail("a %s of %zu bytes does not read back the same", type_name(type), len);
	free(again);
	free(z);
	free(raw);
	free(body);
	return 0;
}
