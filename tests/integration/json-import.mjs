// json-import.mjs - lets Node.js load @actions/workflow-parser, whose modules import
// its JSON schemas without `with { type: "json" }` (it is built for bundlers).
// Used as: node --import ./json-import.mjs gh.mjs ...
import { register } from "node:module";

register(
	"data:text/javascript," +
		encodeURIComponent(`
export async function load(url, context, nextLoad) {
	if (url.endsWith(".json"))
		return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: "json" } });
	return nextLoad(url, context);
}`),
	import.meta.url,
);
