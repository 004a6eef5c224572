/*
 * mkmultidb.c - writes a C file holding the built-in pack's content
 * patterns and their Vectorscan database (match/multi.h), so that a scan
 * with the built-in pack loads it instead of compiling it (about a second
 * of CPU).  Linked with the library objects and an empty database; without
 * Vectorscan it writes an empty one, and scans compile nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match/multi.h"
#include "model/rules.h"
#include "scan/internal.h"
#include "scan/scan.h"
#include "util/err.h"
#include "util/mem.h"

/* As bytes, not a string literal: some patterns are longer than C promises a literal may be. */
static void put_bytes(const char *qual, const char *name, const unsigned char *b, size_t n)
{
	size_t i;
	printf("%sconst unsigned char %s[] = {", qual, name);
	for (i = 0; i < n; i++)
		printf("%s%d,", i % 24 ? "" : "\n\t", b[i]);
	printf("%s0};\n", n ? "\n\t" : "");
}

/*
 * Paths standing for the files that make most of a repository's bytes,
 * in groups: the patterns of the leaves selecting any path of a group
 * (when they read contents) make a class, compiled apart.  A scan matches
 * a blob with the smallest class holding every pattern the blob's leaves
 * need, or with the whole database: which paths are listed here changes
 * speed, never an outcome.
 */
#define PROBES_MAX 12
static const char *const probes[][PROBES_MAX] = {
	/* source code */
	{"src/app.js", "src/app.ts", "app/models/user.rb", "src/app.py", "src/main.go", "src/main.rs", "src/App.java",
	 "src/index.php", "lib/app.ex", NULL},
	/* source maps, styles, images as text: read for secrets alone */
	{"dist/app.js.map", "styles/site.css", "images/logo.svg", NULL},
	{"data/items.json", NULL},
	{"docs/guide.md", "README.md", NULL},
};
#define NPROBES (sizeof(probes) / sizeof(probes[0]))

/* A class: the ids (in the whole database) of the patterns it holds, ascending. */
struct pclass {
	size_t *ids;
	size_t n;
};

/* The class of a group of paths: every pattern of a leaf that selects one and reads its contents. */
static void probe_class(struct pclass *c, struct globs *gl, const struct rules *rs, const int *ids, size_t np,
			const char *const *paths)
{
	size_t *active = xmalloc((rs->nleaves ? rs->nleaves : 1) * sizeof(*active));
	size_t *sel = xmalloc((rs->nleaves ? rs->nleaves : 1) * sizeof(*sel));
	unsigned char *in = xcalloc(np ? np : 1, 1);
	size_t i, k, j, nsel;

	for (i = 0; i < rs->nleaves; i++)
		active[i] = i;
	for (j = 0; j < PROBES_MAX && paths[j]; j++) {
		nsel = globs_select(gl, rs, active, rs->nleaves, paths[j], strlen(paths[j]), sel);
		for (i = 0; i < nsel; i++)
			for (k = 0; k < TW_N && leaf_needs_content(rs->leaves[sel[i]]); k++)
				if (ids[sel[i] * TW_N + k] >= 0)
					in[ids[sel[i] * TW_N + k]] = 1;
	}
	c->ids = xmalloc((np ? np : 1) * sizeof(*c->ids));
	c->n = 0;
	for (i = 0; i < np; i++)
		if (in[i])
			c->ids[c->n++] = i;
	free(in);
	free(sel);
	free(active);
}

static int same_class(const struct pclass *a, const struct pclass *b)
{
	return a->n == b->n && !memcmp(a->ids, b->ids, a->n * sizeof(*a->ids));
}

/*
 * Writes the classes of the probes worth one of their own (a distinct set
 * of at most half the patterns, and at least one) with their databases;
 * none without Vectorscan.  A class that does not compile is left out.
 */
static void put_classes(const struct rules *rs, const struct scan_patterns *p, const int *ids)
{
	struct pclass cls[NPROBES];
	struct globs gl;
	size_t nc = 0, i, k;

	globs_init(&gl, rs);
	for (i = 0; i < NPROBES && multi_available(); i++) {
		struct pclass c;
		probe_class(&c, &gl, rs, ids, p->n, probes[i]);
		for (k = 0; k < nc && !same_class(&cls[k], &c); k++)
			;
		if (c.n == 0 || 2 * c.n > p->n || k < nc) {
			free(c.ids);
			continue;
		}
		cls[nc++] = c;
	}
	for (i = 0; i < nc; i++) {
		const char **src = xmalloc(cls[i].n * sizeof(*src));
		unsigned char *ci = xmalloc(cls[i].n), *db = NULL;
		struct multi *m = NULL;
		size_t len = 0;
		char name[48];
		for (k = 0; k < cls[i].n; k++) {
			src[k] = p->src[cls[i].ids[k]];
			ci[k] = p->caseless[cls[i].ids[k]];
		}
		if (multi_build(&m, src, ci, cls[i].n) == 0 && multi_serialize(&db, &len, m) == 0) {
			snprintf(name, sizeof(name), "class_db_%zu", i);
			put_bytes("static ", name, db, len);
			printf("static const size_t class_ids_%zu[] = {", i);
			for (k = 0; k < cls[i].n; k++)
				printf("%s%zu,", k % 16 ? "" : "\n\t", cls[i].ids[k]);
			printf("\n};\n");
		} else {
			fprintf(stderr, "mkmultidb: class %zu: %s\n", i, err_last());
			len = 0;
		}
		cls[i].n = len ? cls[i].n : 0; /* a class that does not compile is left out */
		free(db);
		multi_free(m);
		free(ci);
		free(src);
	}
	printf("const struct multi_class multi_builtin_class[] = {\n");
	for (i = 0; i < nc; i++)
		if (cls[i].n)
			printf("\t{class_ids_%zu, %zu, class_db_%zu, sizeof(class_db_%zu) - 1},\n", i, cls[i].n, i, i);
	printf("\t{0, 0, 0, 0}};\n");
	for (k = 0, i = 0; i < nc; i++)
		k += cls[i].n != 0;
	printf("const size_t multi_builtin_nclass = %zu;\n", k);
	for (i = 0; i < nc; i++)
		free(cls[i].ids);
	globs_free(&gl, rs->nleaves);
}

int main(void)
{
	struct rules *rs = rules_new();
	struct scan_patterns p = {NULL, NULL, 0};
	struct multi *m = NULL;
	int *ids = NULL;
	unsigned char *db = NULL;
	size_t i, len = 0;
	int rc = 1;

	if (rules_add_builtin(rs) < 0 || rules_finish(rs) < 0) {
		fprintf(stderr, "mkmultidb: the built-in rule pack does not load\n");
		goto done;
	}
	ids = xmalloc((rs->nleaves ? rs->nleaves : 1) * TW_N * sizeof(*ids));
	scan_patterns(&p, ids, rs);
	if (multi_available() && (multi_build(&m, p.src, p.caseless, p.n) < 0 || multi_serialize(&db, &len, m) < 0)) {
		fprintf(stderr, "mkmultidb: %s\n", err_last());
		goto done;
	}
	printf("/* generated by tools/mkmultidb.c from rules/; do not edit */\n");
	printf("#include \"match/multi.h\"\n\n");
	for (i = 0; i < p.n; i++) {
		char name[32];
		snprintf(name, sizeof(name), "src_%zu", i);
		put_bytes("static ", name, (const unsigned char *)p.src[i], strlen(p.src[i]));
	}
	printf("const char *const multi_builtin_src[] = {\n");
	for (i = 0; i < p.n; i++)
		printf("\t(const char *)src_%zu,\n", i);
	printf("\t0};\n");
	put_bytes("", "multi_builtin_caseless", p.caseless, p.n);
	printf("const size_t multi_builtin_n = %zu;\n", p.n);
	put_bytes("", "multi_builtin_db", db, len);
	printf("const size_t multi_builtin_len = %zu;\n", len);
	put_classes(rs, &p, ids);
	rc = 0;
done:
	free(db);
	free(ids);
	multi_free(m);
	scan_patterns_clear(&p);
	rules_free(rs);
	return rc;
}
