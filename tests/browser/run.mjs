// run.mjs DIR - loads the pages tests/browser/pages.sh made in DIR into Debian's
// headless chromium (never a downloaded browser), at a phone's width (390 px) and
// a desktop's (1280 px): screenshots into DIR, assertions on the rendered DOM
// against the JSON the same scan or merge wrote, and axe-core for accessibility.
// Ends with "browser: N passed, M failed"; exits 1 when anything failed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const dir = resolve(process.argv[2] || '../../build/browser');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const widths = [390, 1280];

let passed = 0;
let failed = 0;
function check(name, ok, why = '') {
	if (ok) {
		passed++;
		console.log(`ok - ${name}`);
	} else {
		failed++;
		console.log(`not ok - ${name}`);
		if (why) console.log(`  # ${String(why).split('\n').join('\n  # ')}`);
	}
}

const json = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));

// Every element's box within the viewport's width (a phone must not scroll sideways).
async function overflowing(page) {
	return page.evaluate(() => {
		const w = document.documentElement.clientWidth;
		const out = [];
		for (const el of document.querySelectorAll('body *')) {
			const r = el.getBoundingClientRect();
			if (!r.width && !r.height) continue;
			if (r.right > w + 1 || r.left < -1)
				out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}..${Math.round(r.right)}: ${el.textContent.slice(0, 60)}`);
		}
		if (document.documentElement.scrollWidth > w + 1)
			out.push(`document ${document.documentElement.scrollWidth} px wide in ${w}`);
		return out;
	});
}

async function axe(page) {
	await page.addScriptTag({ content: axeSource });
	const res = await page.evaluate(async () =>
		window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }));
	return res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

// What the page asks of the network besides itself: nothing, it is self-contained.
function watchRequests(page, url) {
	const asked = [];
	page.on('request', (req) => {
		if (req.url() !== url) asked.push(req.url());
	});
	return asked;
}

async function visit(context, file, width, fn) {
	const page = await context.newPage();
	await page.setViewportSize({ width, height: 900 });
	const url = pathToFileURL(join(dir, file)).href;
	const asked = watchRequests(page, url);
	const errors = [];
	page.on('pageerror', (e) => errors.push(String(e)));
	await page.goto(url, { waitUntil: 'load' });
	const tag = `${file} @${width}px`;
	await page.screenshot({ path: join(dir, `${file.replace(/\.html$/, '')}-${width}.png`), fullPage: true });
	check(`${tag}: asks the network for nothing`, asked.length === 0, asked.join('\n'));
	check(`${tag}: holds no script`, (await page.evaluate(() => document.scripts.length)) === 0);
	const over = await overflowing(page);
	check(`${tag}: no element wider than the viewport`, over.length === 0, over.slice(0, 10).join('\n'));
	await fn(page, tag, width);
	const bad = await axe(page);
	check(`${tag}: axe-core finds no serious or critical violation`, bad.length === 0,
		bad.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`).join('\n'));
	check(`${tag}: no error in the page`, errors.length === 0, errors.join('\n'));
	await page.close();
}

async function direction(page, tag, lang) {
	const d = await page.evaluate(() => ({
		lang: document.documentElement.lang,
		dir: document.documentElement.dir,
		body: getComputedStyle(document.body).direction,
		h1: getComputedStyle(document.querySelector('h1')).direction,
	}));
	const want = lang === 'ar' ? 'rtl' : 'ltr';
	check(`${tag}: lang=${lang}, dir=${want} in effect`, d.lang === lang && d.dir === want && d.body === want && d.h1 === want,
		JSON.stringify(d));
	if (lang !== 'ar') return;
	// paths and ids stay left to right, isolated, inside the right-to-left page
	const paths = await page.evaluate(() => [...document.querySelectorAll('.path, code')].map((e) => [
		getComputedStyle(e).direction, getComputedStyle(e).unicodeBidi]));
	check(`${tag}: paths and ids render left to right, isolated`,
		paths.length > 0 && paths.every(([dr, ub]) => dr === 'ltr' && ub === 'isolate'), JSON.stringify(paths.slice(0, 5)));
	// the heading starts at the right edge, and a card's title stands right of its status
	const side = await page.evaluate(() => {
		const range = document.createRange();
		range.selectNodeContents(document.querySelector('h1'));
		const h1 = range.getClientRects()[0];
		const card = [...document.querySelectorAll('.card .card-head')].find((h) => h.getBoundingClientRect().height > 0);
		const t = card?.querySelector('h3').getBoundingClientRect();
		const s = card?.querySelector('.status').getBoundingClientRect();
		return { h1: h1.right, main: document.querySelector('main').getBoundingClientRect().right, title: t ? t.right : 1, status: s ? s.right : 0 };
	});
	check(`${tag}: headings read from the right`, side.h1 > side.main - 2 && side.title > side.status, JSON.stringify(side));
}

async function seed(context, lang) {
	const report = json(`seed-${lang}.json`);
	for (const width of widths)
		await visit(context, `seed-${lang}.html`, width, async (page, tag) => {
			await direction(page, tag, lang);
			const rows = await page.evaluate(() => [...document.querySelectorAll('table.summary tbody tr')].map((tr) => ({
				id: tr.dataset.domain,
				status: tr.querySelector('.c-status [data-status]')?.dataset.status,
				words: tr.querySelector('.c-status').innerText.trim(),
				title: tr.querySelector('th').innerText.trim(),
				visible: tr.querySelector('.c-status').getBoundingClientRect().width > 0,
			})));
			const want = report.domains.map((d) => ({ id: d.id, status: d.status, words: d.status_label, title: d.title }));
			check(`${tag}: summary rows hold each domain's status, in words too`,
				rows.length === want.length && want.every((w, i) => rows[i].id === w.id && rows[i].status === w.status &&
					rows[i].words.endsWith(w.words) && rows[i].title === w.title && rows[i].visible),
				JSON.stringify({ rows, want }, null, 1));
			const cards = await page.evaluate(() => [...document.querySelectorAll('article.card')].map((c) => ({
				id: c.dataset.domain, status: c.querySelector('.card-head [data-status]').dataset.status,
				breakInside: getComputedStyle(c).breakInside,
			})));
			check(`${tag}: one card per domain, in the report's order, never split when printed`,
				cards.length === report.domains.length &&
				report.domains.every((d, i) => cards[i].id === d.id && cards[i].status === d.status && cards[i].breakInside === 'avoid'),
				JSON.stringify(cards));
			const proofs = await page.evaluate(() => [...document.querySelectorAll('li[data-proof]')].map((li) => ({
				id: li.dataset.proof, proven: li.querySelector('.status').classList.contains('s-ready'),
			})));
			check(`${tag}: the proof checklist matches the report`,
				proofs.length === report.proofs.length &&
				report.proofs.every((p, i) => proofs[i].id === p.id && proofs[i].proven === (p.status === 'proven')),
				JSON.stringify(proofs));
			const ths = await page.evaluate(() => [...document.querySelectorAll('table')].every((t) =>
				t.querySelectorAll('thead th[scope=col]').length > 0));
			check(`${tag}: every table has column headers`, ths);
			const boundary = await page.evaluate(() => ({
				read: document.querySelector('footer').innerText,
				noAction: document.querySelector('footer .no-action')?.innerText || '',
			}));
			check(`${tag}: states what it read (commit, tree, digest) and that it took no operations action`,
				boundary.read.includes(report.repository.commit) && boundary.read.includes(report.repository.tree) &&
				boundary.read.includes(report.rules_digest) && boundary.noAction.length > 80, boundary.read.slice(0, 300));
			if (lang === 'ar') {
				// no English sentence or label outside paths, ids, code and what a scan words in English
				// (marked lang=en); product names inside Arabic sentences (Kubernetes, PagerDuty) are names
				const english = await page.evaluate(() => {
					const out = [];
					const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
					for (let n = walk.nextNode(); n; n = walk.nextNode()) {
						const el = n.parentElement;
						if (el.closest('code, .path, [lang=en], [dir=ltr], title, style')) continue;
						const text = n.textContent;
						if (/[\u0600-\u06ff]/.test(text) || !/[A-Za-z]{2,}/.test(text)) continue;
						if (/^\s*proofgate\s*$/.test(text)) continue;
						out.push(`${el.tagName.toLowerCase()}: ${text.trim().slice(0, 80)}`);
					}
					return out;
				});
				check(`${tag}: no English outside paths, ids, code and marked text`, english.length === 0, english.slice(0, 10).join('\n'));
			}
		});
}

async function org(context, lang) {
	const merged = json(`org-${lang}.json`);
	for (const width of widths)
		await visit(context, `org-${lang}.html`, width, async (page, tag) => {
			await direction(page, tag, lang);
			const view = width < 720 ? '.narrow' : 'table.matrix';
			const cells = await page.evaluate((sel) => [...document.querySelectorAll(`${sel} [data-repo]`)].map((row) => ({
				repo: row.dataset.repo,
				visible: row.getBoundingClientRect().height > 0,
				verdict: row.querySelector('[data-verdict]').dataset.verdict,
				statuses: Object.fromEntries([...row.querySelectorAll('[data-status]')].map((s) => [
					s.closest('[data-domain]')?.dataset.domain ?? s.closest('dd').previousElementSibling.innerText.trim(),
					s.dataset.status])),
			})), view);
			const titles = Object.fromEntries(merged.domains.map((d) => [d.id, d.title]));
			const want = merged.repositories.map((r) => ({
				repo: r.name, verdict: r.verdict,
				statuses: Object.fromEntries(Object.entries(r.statuses).map(([k, v]) => [width < 720 ? titles[k] : k, v])),
			}));
			check(`${tag}: repositories worst first, each domain's status in its cell`,
				cells.length === want.length && want.every((w, i) => cells[i].repo === w.repo && cells[i].visible &&
					cells[i].verdict === w.verdict && JSON.stringify(cells[i].statuses) === JSON.stringify(w.statuses)),
				JSON.stringify({ cells: cells.slice(0, 3), want: want.slice(0, 3) }, null, 1));
			const totals = await page.evaluate(() => [...document.querySelectorAll('table.totals tbody tr')].map((tr) => ({
				id: tr.dataset.domain,
				counts: Object.fromEntries([...tr.querySelectorAll('.share')].map((s) => [s.dataset.status, Number(s.dataset.count)])),
			})));
			check(`${tag}: totals per domain ("blocked in N of M")`,
				totals.length === merged.domains.length && merged.domains.every((d, i) => totals[i].id === d.id &&
					totals[i].counts.blocked === d.blocked && totals[i].counts.ready === d.ready &&
					totals[i].counts['readiness-only'] === d['readiness-only']), JSON.stringify(totals));
			const warn = await page.evaluate(() => [...document.querySelectorAll('.banner')].map((b) => b.innerText));
			check(`${tag}: reports of another rule pack are merged with a visible warning`,
				merged.rules_digests.length > 1 && warn.some((t) => merged.rules_digests.every((d) => t.includes(d.value))),
				JSON.stringify(warn));
			const errs = await page.evaluate(() => [...document.querySelectorAll('table.errors tbody tr')].map((tr) => tr.innerText));
			check(`${tag}: the truncated report is named`, errs.length === merged.errors.length &&
				merged.errors.every((e, i) => errs[i].includes(e.file)), JSON.stringify(errs));
		});
}

async function hostile(context, lang) {
	for (const width of widths)
		await visit(context, `hostile-${lang}.html`, width, async (page, tag) => {
			const res = await page.evaluate(() => ({
				xss: window.__pg_xss,
				tags: document.querySelectorAll('script, img, iframe, [onload], [onerror], [onmouseover]').length,
				js: [...document.querySelectorAll('a[href]')].filter((a) => !/^(https?:|#|data:)/.test(a.getAttribute('href'))).length,
				csp: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content,
				text: document.body.innerText,
			}));
			check(`${tag}: markup from the repository and the rule pack stays text`,
				res.xss === undefined && res.tags === 0 && res.js === 0 && /<script>window\.__pg_xss=\d<\/script>/.test(res.text),
				JSON.stringify({ xss: res.xss, tags: res.tags, js: res.js }));
			check(`${tag}: RLO and control characters are shown, not obeyed`,
				res.text.includes('\\u202e') && !res.text.includes('\u202e') && res.text.includes('\\x07') && !res.text.includes('secret'),
				res.text.slice(0, 200));
			check(`${tag}: the page forbids scripts and network by itself too`, /default-src 'none'/.test(res.csp || ''), res.csp);
		});
}

const browser = await chromium.launch({
	executablePath: chromiumPath,
	headless: true,
	// the flags this machine needs: no sandbox as root, no connection attempts of chromium's own
	args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
		'--disable-component-update', '--disable-sync'],
});
try {
	// bypassCSP: axe is injected as a script; and the escaping must hold without the page's own policy
	const context = await browser.newContext({ bypassCSP: true, deviceScaleFactor: 1 });
	for (const lang of ['en', 'ar']) {
		await seed(context, lang);
		await org(context, lang);
		await hostile(context, lang);
	}
	await context.close();
} finally {
	await browser.close();
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
