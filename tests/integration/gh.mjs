// gh.mjs - GitHub Actions side of the integration tests (tests/integration/run.sh).
// Run as: node --import ./json-import.mjs gh.mjs COMMAND ...
//
//   blocks MD                 every ```yaml block of a Markdown file, as JSON lines
//                             {"line": N, "text": "..."}
//   workflow FILE             parses a workflow with GitHub's parser (@actions/workflow-parser)
//                             and converts it as the service does; prints its jobs and steps,
//                             exits 1 with every error
//   action FILE               the same for an action's action.yml
//   uses-inputs WF ACTION     every `with:` of a step using proofgate/proofgate in the workflow
//                             names an input of the action; exits 1 naming the others
//   run-action DIR OUT        runs the composite action in DIR as a runner would: inputs from
//                             the JSON in PGH_INPUTS, each step's `if:` evaluated, `run:` steps
//                             through bash with GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY,
//                             GITHUB_PATH files of their own, actions/cache recorded (a miss,
//                             or a hit when PGH_CACHE_HIT=true); writes OUT/result.json and
//                             each step's log; exits 1 when a step failed
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import YAML from "yaml";
import { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } from "@actions/workflow-parser";
import { parseAction, convertActionTemplate } from "@actions/workflow-parser/actions/index";

function die(msg) {
	process.stderr.write(`gh.mjs: ${msg}\n`);
	process.exit(2);
}

function blocks(md) {
	const lines = fs.readFileSync(md, "utf8").split("\n");
	for (let i = 0; i < lines.length; i++) {
		if (!/^```ya?ml\s*$/.test(lines[i])) continue;
		const start = i + 1;
		const body = [];
		for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
		process.stdout.write(JSON.stringify({ line: start, text: body.join("\n") + "\n" }) + "\n");
	}
}

function errorsOf(context) {
	return context.errors.getErrors().map((e) => e.message);
}

async function workflow(file) {
	const content = fs.readFileSync(file, "utf8");
	const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter());
	let errs = errorsOf(parsed.context);
	let tpl;
	if (!errs.length && parsed.value) {
		tpl = await convertWorkflowTemplate(parsed.context, parsed.value);
		errs = errorsOf(parsed.context).concat((tpl.errors || []).map((e) => e.Message || e.message || String(e)));
	}
	if (!parsed.value) errs.push("no workflow parsed");
	if (errs.length) {
		process.stdout.write(errs.join("\n") + "\n");
		process.exit(1);
	}
	const jobs = tpl.jobs.map((j) => ({
		id: j.id.value,
		steps: (j.steps || []).map((s) => (s.uses ? { uses: s.uses.value } : { run: true })),
	}));
	process.stdout.write(JSON.stringify({ jobs }) + "\n");
}

function action(file) {
	const content = fs.readFileSync(file, "utf8");
	const parsed = parseAction({ name: file, content }, new NoOperationTraceWriter());
	let errs = errorsOf(parsed.context);
	let tpl;
	if (!errs.length && parsed.value) {
		tpl = convertActionTemplate(parsed.context, parsed.value);
		errs = errorsOf(parsed.context);
	}
	if (!parsed.value) errs.push("no action parsed");
	if (errs.length) {
		process.stdout.write(errs.join("\n") + "\n");
		process.exit(1);
	}
	process.stdout.write(
		JSON.stringify({
			using: tpl.runs.using,
			inputs: (tpl.inputs || []).map((i) => i.id),
			outputs: (tpl.outputs || []).map((o) => o.id),
			steps: (tpl.runs.steps || []).map((s) => ({ id: s.id, kind: s.uses ? "uses" : "run" })),
		}) + "\n",
	);
}

// ---- expressions: the subset action.yml uses ---------------------------------
function tokenize(src) {
	const toks = [];
	const re = /\s*(?:('(?:[^']|'')*')|(==|!=|&&|\|\||<=|>=|[!()<>,])|([A-Za-z_][A-Za-z0-9_.\-*]*)|(-?\d+(?:\.\d+)?))/y;
	let m;
	re.lastIndex = 0;
	while (re.lastIndex < src.length) {
		if (/^\s*$/.test(src.slice(re.lastIndex))) break;
		if (!(m = re.exec(src))) die(`cannot read expression: ${src}`);
		if (m[1] !== undefined) toks.push({ t: "str", v: m[1].slice(1, -1).replace(/''/g, "'") });
		else if (m[2] !== undefined) toks.push({ t: "op", v: m[2] });
		else if (m[3] !== undefined) toks.push({ t: "id", v: m[3] });
		else toks.push({ t: "num", v: Number(m[4]) });
	}
	return toks;
}

function evaluate(src, ctx) {
	const toks = tokenize(src);
	let i = 0;
	const peek = () => toks[i];
	const take = (v) => (peek() && peek().v === v ? (i++, true) : false);
	const truthy = (x) => !(x === "" || x === false || x === null || x === undefined || x === 0);
	const eq = (a, b) =>
		typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : String(a) === String(b);
	function primary() {
		const t = toks[i++];
		if (!t) die(`expression ends early: ${src}`);
		if (t.t === "str" || t.t === "num") return t.v;
		if (t.v === "(") {
			const v = or();
			if (!take(")")) die(`missing ) in ${src}`);
			return v;
		}
		if (t.v === "!") return !truthy(primary());
		if (t.t === "id") {
			if (t.v === "true") return true;
			if (t.v === "false") return false;
			if (t.v === "null") return null;
			if (take("(")) {
				if (!take(")")) die(`functions with arguments are not supported: ${src}`);
				const f = ctx.functions[t.v];
				if (!f) die(`unknown function ${t.v}`);
				return f();
			}
			let v = ctx.values;
			for (const part of t.v.split(".")) v = v == null ? undefined : v[part];
			return v === undefined ? "" : v;
		}
		die(`unexpected ${t.v} in ${src}`);
	}
	function cmp() {
		let a = primary();
		for (;;) {
			if (take("==")) a = eq(a, primary());
			else if (take("!=")) a = !eq(a, primary());
			else return a;
		}
	}
	function and() {
		let a = cmp();
		while (take("&&")) {
			const b = cmp();
			a = truthy(a) ? b : a;
		}
		return a;
	}
	function or() {
		let a = and();
		while (take("||")) {
			const b = and();
			a = truthy(a) ? a : b;
		}
		return a;
	}
	const v = or();
	if (i !== toks.length) die(`trailing tokens in ${src}`);
	return { value: v, truthy: truthy(v) };
}

function interpolate(s, ctx) {
	if (typeof s !== "string") return s == null ? "" : String(s);
	return s.replace(/\$\{\{(.*?)\}\}/gs, (_, e) => {
		const v = evaluate(e, ctx).value;
		return v === true ? "true" : v === false ? "false" : v == null ? "" : String(v);
	});
}

// GITHUB_OUTPUT / GITHUB_ENV: name=value lines and name<<DELIM heredocs
function parseFileCommands(file) {
	const out = {};
	if (!fs.existsSync(file)) return out;
	const lines = fs.readFileSync(file, "utf8").split("\n");
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		if (!line) continue;
		const h = line.indexOf("<<");
		const e = line.indexOf("=");
		if (h > 0 && (e < 0 || h < e)) {
			const name = line.slice(0, h);
			const delim = line.slice(h + 2);
			const val = [];
			for (i++; i < lines.length && lines[i] !== delim; i++) val.push(lines[i]);
			if (i >= lines.length) throw new Error(`${file}: no closing ${delim}`);
			out[name] = val.join("\n");
		} else if (e > 0) {
			out[line.slice(0, e)] = line.slice(e + 1);
		} else {
			throw new Error(`${file}: cannot read line ${JSON.stringify(line)}`);
		}
	}
	return out;
}

function runAction(dir, outDir) {
	const act = YAML.parse(fs.readFileSync(path.join(dir, "action.yml"), "utf8"));
	if (act.runs.using !== "composite") die("only composite actions");
	const given = JSON.parse(process.env.PGH_INPUTS || "{}");
	for (const k of Object.keys(given)) if (!(k in (act.inputs || {}))) die(`the action has no input ${k}`);
	const inputs = {};
	for (const [k, d] of Object.entries(act.inputs || {})) inputs[k] = k in given ? String(given[k]) : String(d.default ?? "");
	const env = { ...process.env };
	const temp = env.RUNNER_TEMP;
	for (const k of ["RUNNER_TEMP", "GITHUB_WORKSPACE", "GITHUB_REF", "GITHUB_SHA"])
		if (!env[k]) die(`${k} must be set`);
	env.GITHUB_ACTION_PATH = dir;
	env.GITHUB_ACTIONS = "true";
	env.CI = "true";
	for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.replace(/ /g, "_").toUpperCase()}`] = v;
	fs.mkdirSync(outDir, { recursive: true });
	const steps = {};
	const record = [];
	const caches = [];
	let failed = false;
	const summary = [];
	const ctx = () => ({
		values: {
			inputs,
			steps,
			env,
			github: {
				action_path: dir,
				workspace: env.GITHUB_WORKSPACE,
				ref: env.GITHUB_REF,
				ref_name: env.GITHUB_REF_NAME || "",
				base_ref: env.GITHUB_BASE_REF || "",
				sha: env.GITHUB_SHA,
				event_name: env.GITHUB_EVENT_NAME || "push",
			},
			runner: { os: env.RUNNER_OS || "Linux", arch: env.RUNNER_ARCH || "X64", temp },
		},
		functions: {
			always: () => true,
			success: () => !failed,
			failure: () => failed,
			cancelled: () => false,
		},
	});
	const fileDir = path.join(temp, "_runner_file_commands");
	fs.mkdirSync(fileDir, { recursive: true });
	act.runs.steps.forEach((step, n) => {
		const id = step.id || `__step${n}`;
		const rec = { id, name: step.name || "", ran: false };
		record.push(rec);
		const cond = step.if === undefined ? "success()" : String(step.if).replace(/^\$\{\{(.*)\}\}$/s, "$1");
		const go = evaluate(/\b(always|success|failure|cancelled)\(\)/.test(cond) ? cond : `success() && (${cond})`, ctx());
		if (!go.truthy) {
			steps[id] = { outputs: {}, outcome: "skipped", conclusion: "skipped" };
			rec.conclusion = "skipped";
			return;
		}
		rec.ran = true;
		const stepEnv = { ...env };
		for (const [k, v] of Object.entries(step.env || {})) stepEnv[k] = interpolate(v, ctx());
		if (step.uses) {
			const w = {};
			for (const [k, v] of Object.entries(step.with || {})) w[k] = interpolate(v, ctx());
			if (!/^actions\/cache@/.test(step.uses)) die(`the harness cannot run ${step.uses}`);
			caches.push({ step: id, ...w });
			const hit = process.env.PGH_CACHE_HIT === "true" ? "true" : "false";
			steps[id] = { outputs: { "cache-hit": hit }, outcome: "success", conclusion: "success" };
			rec.conclusion = "success";
			return;
		}
		if ((step.shell || "") !== "bash") die(`step ${id}: composite run steps need shell: bash here`);
		const files = {};
		for (const k of ["GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_STEP_SUMMARY", "GITHUB_PATH", "GITHUB_STATE"]) {
			files[k] = path.join(fileDir, `${k.toLowerCase()}_${n}`);
			fs.writeFileSync(files[k], "");
			stepEnv[k] = files[k];
		}
		const script = path.join(temp, `step_${n}.sh`);
		fs.writeFileSync(script, interpolate(step.run, ctx()));
		const cwd = step["working-directory"] ? interpolate(step["working-directory"], ctx()) : env.GITHUB_WORKSPACE;
		const t0 = process.hrtime.bigint();
		const r = spawnSync("bash", ["--noprofile", "--norc", "-e", "-o", "pipefail", script], {
			cwd,
			env: stepEnv,
			stdio: ["ignore", "pipe", "pipe"],
			maxBuffer: 256 << 20,
		});
		rec.seconds = Number(process.hrtime.bigint() - t0) / 1e9;
		fs.writeFileSync(path.join(outDir, `${id}.out`), r.stdout || "");
		fs.writeFileSync(path.join(outDir, `${id}.err`), r.stderr || "");
		rec.exit = r.status === null ? 128 : r.status;
		const outputs = parseFileCommands(files.GITHUB_OUTPUT);
		Object.assign(env, parseFileCommands(files.GITHUB_ENV));
		const added = fs.readFileSync(files.GITHUB_PATH, "utf8").split("\n").filter(Boolean);
		if (added.length) env.PATH = added.reverse().join(":") + ":" + env.PATH;
		summary.push(fs.readFileSync(files.GITHUB_STEP_SUMMARY, "utf8"));
		const ok = rec.exit === 0;
		steps[id] = { outputs, outcome: ok ? "success" : "failure", conclusion: ok ? "success" : "failure" };
		rec.conclusion = steps[id].conclusion;
		rec.outputs = outputs;
		if (!ok) failed = true;
	});
	const outputs = {};
	for (const [k, o] of Object.entries(act.outputs || {})) outputs[k] = interpolate(o.value, ctx());
	fs.writeFileSync(path.join(outDir, "summary.md"), summary.join(""));
	fs.writeFileSync(
		path.join(outDir, "result.json"),
		JSON.stringify({ failed, steps: record, outputs, caches }, null, 1) + "\n",
	);
	process.exit(failed ? 1 : 0);
}

function usesInputs(wf, actionFile) {
	const inputs = Object.keys(YAML.parse(fs.readFileSync(actionFile, "utf8")).inputs || {});
	const doc = YAML.parse(fs.readFileSync(wf, "utf8"));
	const bad = [];
	let n = 0;
	for (const job of Object.values(doc.jobs || {}))
		for (const step of job.steps || []) {
			if (!/^proofgate\/proofgate@/.test(step.uses || "")) continue;
			n++;
			for (const k of Object.keys(step.with || {})) if (!inputs.includes(k)) bad.push(k);
		}
	if (bad.length) {
		process.stdout.write(`not inputs of the action: ${bad.join(", ")}\n`);
		process.exit(1);
	}
	process.stdout.write(`${n}\n`);
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === "blocks") blocks(args[0]);
else if (cmd === "workflow") await workflow(args[0]);
else if (cmd === "action") action(args[0]);
else if (cmd === "uses-inputs") usesInputs(args[0], args[1]);
else if (cmd === "run-action") runAction(path.resolve(args[0]), path.resolve(args[1]));
else die("usage: gh.mjs blocks MD | workflow FILE | action FILE | run-action DIR OUT");
