/* outputs.c - the table of report formats, and writing one to a file or a CI's summary and outputs. */
#include "cli/outputs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "report/page.h"
#include "util/err.h"
#include "util/mem.h"

static int markdown_1mib(FILE *f, const struct report *r)
{
	return report_markdown(f, r, REPORT_MARKDOWN_MAX);
}

static int html_page(FILE *f, const struct report *r)
{
	struct page pg;
	memset(&pg, 0, sizeof(pg));
	pg.lang = r->lang;
	pg.link_base = r->link_base;
	return report_html(f, r, &pg);
}

const struct output outputs[OUTPUT_COUNT] = {
	[OUTPUT_TEXT] = {"text", "text report", report_text, OUTPUT_STDOUT | OUTPUT_COLOR},
	[OUTPUT_JSON] = {"json", "JSON report", report_json, OUTPUT_STDOUT | OUTPUT_FILE},
	[OUTPUT_GITHUB] = {"github", "GitHub annotations", report_github, OUTPUT_STDOUT},
	[OUTPUT_SARIF] = {"sarif", "SARIF report", report_sarif, OUTPUT_FILE},
	[OUTPUT_CODEQUALITY] = {"codequality", "Code Quality report", report_codequality, OUTPUT_FILE},
	[OUTPUT_JUNIT] = {"junit", "JUnit report", report_junit, OUTPUT_FILE},
	[OUTPUT_MARKDOWN] = {"markdown", "Markdown report", markdown_1mib, OUTPUT_FILE},
	[OUTPUT_HTML] = {"html", "HTML page", html_page, OUTPUT_FILE},
};

const struct output *output_for_stdout(const char *name)
{
	size_t i;
	for (i = 0; i < OUTPUT_COUNT; i++)
		if ((outputs[i].flags & OUTPUT_STDOUT) && !strcmp(outputs[i].name, name))
			return &outputs[i];
	return NULL;
}

void output_stdout_names(struct buf *b)
{
	size_t i, n = 0, k = 0;
	for (i = 0; i < OUTPUT_COUNT; i++)
		n += (outputs[i].flags & OUTPUT_STDOUT) != 0;
	for (i = 0; i < OUTPUT_COUNT; i++) {
		if (!(outputs[i].flags & OUTPUT_STDOUT))
			continue;
		k++;
		buf_printf(b, "%s%s", k == 1 ? "" : k == n ? " or " : ", ", outputs[i].name);
	}
}

int output_write_file(const struct output *o, const char *path, const struct report *r)
{
	FILE *f = fopen(path, "w");
	int rc;
	if (!f)
		return cli_error("cannot write %s '%s': %s", o->what, path, err_os(errno)), -1;
	rc = o->write(f, r);
	if (fclose(f) != 0 || rc < 0)
		return cli_error("cannot write %s '%s': %s", o->what, path, err_os(errno)), -1;
	return 0;
}

FILE *output_append(const char *path)
{
	FILE *f = fopen(path, "a+");
	int last = EOF;
	if (!f)
		return NULL;
	if (fseek(f, -1, SEEK_END) == 0)
		last = fgetc(f);
	/* "a+" writes at the end whatever the position: only the reading moved */
	if (last != EOF && last != '\n' && fputc('\n', f) == EOF) {
		int e = errno;
		fclose(f);
		errno = e;
		return NULL;
	}
	return f;
}

char *output_resolve(const char *path)
{
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup("."),
	     *real = realpath(dir, NULL), *out = NULL;
	struct buf b = BUF_INIT;
	if (real) {
		buf_printf(&b, "%s%s%s", real, strcmp(real, "/") ? "/" : "", base);
		out = buf_detach(&b);
	}
	free(real);
	free(dir);
	return out;
}

/* A CI file that cannot be written: warned about, and the report goes on. */
static int ci_file_warning(int summary, const char *path, int e, enum lang lang)
{
	const char *var = summary ? "GITHUB_STEP_SUMMARY" : "GITHUB_OUTPUT";
	if (lang == LANG_AR)
		fprintf(stderr,
			"proofgate: تحذير: تعذّر إلحاق %s بـ %s '%s': %s؛ يستمر التقرير (على المخرج القياسي، ورمز "
			"الخروج رمز البوابة)\n",
			summary ? "ملخص المهمة" : "مخرجات الخطوة", var, path, err_os(e));
	else
		fprintf(stderr,
			"proofgate: warning: cannot append %s to %s '%s': %s; the report goes on (standard output, and "
			"the exit status is the gate's)\n",
			summary ? "the job summary" : "step outputs", var, path, err_os(e));
	return -1;
}

int output_step_summary(const char *path, const struct report *r)
{
	FILE *f = output_append(path);
	long have;
	size_t room;
	int rc;
	if (!f)
		return ci_file_warning(1, path, errno, r->lang);
	have = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : 0;
	room = report_markdown_room(have);
	errno = 0;
	rc = report_markdown(f, r, room);
	if (fclose(f) != 0 || rc < 0)
		return ci_file_warning(1, path, errno ? errno : EIO, r->lang);
	return 0;
}

int output_github_vars(const char *path, const struct report *r, const char *const files[OUTPUT_COUNT])
{
	const char *names[OUTPUT_COUNT], *paths[OUTPUT_COUNT];
	size_t i, n = 0;
	FILE *f;
	int rc;

	for (i = 0; i < OUTPUT_COUNT; i++)
		if (files[i]) {
			names[n] = outputs[i].name;
			paths[n++] = files[i];
		}
	f = output_append(path);
	if (!f)
		return ci_file_warning(0, path, errno, r->lang);
	errno = 0;
	rc = report_github_output(f, r, names, paths, n);
	if (fclose(f) != 0 || rc < 0)
		return ci_file_warning(0, path, errno ? errno : EIO, r->lang);
	return 0;
}
