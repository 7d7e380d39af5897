/**
 * `npm run bench`: speed and size, measured in the same headless Chromium the tests use.
 * - edit latency: from an edit to the page showing every updated number, and to the next frame, for every
 *   edit the widget registry (src/widgets/registry.ts) lists, per backend;
 * - JavaScript a lesson page loads before any widget is visible (gzip bytes);
 * - the build time.
 * BENCH_EDITS=N sets the edits per row, BENCH_ONLY=text the rows measured (by name), BENCH_BACKENDS=default
 * measures each widget on its default backend only (or a list: cpu,wasm).
 * Prints a table and writes bench/results.json. Targets, on each widget's default backend: edit to every
 * number updated p95 <= 12 ms, edit to the next frame p95 <= 33 ms (a new image on the trained network,
 * which runs its conv layers, <= 50 ms), and <= 50 KB gzip before a widget.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../e2e/browser.ts';
import { buildAndServe, root } from '../e2e/site.ts';
import { widgetRegistry, type WidgetEdit } from '../../src/widgets/registry.ts';

// Every backend a learner can pick in a widget's switch (src/state/backend.ts).
const BACKENDS = ['cpu', 'webgl', 'wasm'] as const;
type Backend = (typeof BACKENDS)[number];

const EDITS = Number(process.env.BENCH_EDITS ?? 220);
// BENCH_ONLY=text measures only the rows whose name contains it, e.g. BENCH_ONLY=trained.
const ONLY = process.env.BENCH_ONLY ?? '';
const CHOSEN_BACKENDS = process.env.BENCH_BACKENDS ?? 'all';
const WARMUP = 20;
const TARGET_DOM_P95_MS = 12;
const TARGET_FRAME_P95_MS = 33;
/** A new image runs the trained network's conv layers before anything else. */
const TARGET_IMAGE_P95_MS = 50;
const TARGET_JS_KB = 50;

/** One row of the bench: an edit of a widget, on the page that teaches with it. */
interface BenchedWidget extends WidgetEdit {
  tag: string;
  path: string;
  defaultBackend: Backend;
}

const rows: BenchedWidget[] = widgetRegistry.flatMap((entry) =>
  entry.edits.map((edit) => ({ ...edit, name: `${edit.name} (${entry.tag})`, tag: entry.tag, path: `/lessons/${entry.lesson}/`, defaultBackend: entry.backend })),
);

function backendsOf(row: BenchedWidget): Backend[] {
  if (CHOSEN_BACKENDS === 'all') return [...BACKENDS];
  if (CHOSEN_BACKENDS === 'default') return [row.defaultBackend];
  return CHOSEN_BACKENDS.split(',').filter((b): b is Backend => (BACKENDS as readonly string[]).includes(b));
}

/** The latency targets a row is held to on its default backend. */
function targetsOf(row: BenchedWidget): { dom: number; frame: number } {
  return row.runsNetwork ? { dom: TARGET_IMAGE_P95_MS, frame: TARGET_IMAGE_P95_MS } : { dom: TARGET_DOM_P95_MS, frame: TARGET_FRAME_P95_MS };
}

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

interface LatencyResult {
  widget: string;
  backend: string;
  edits: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Edit to the next animation frame after the DOM update: what the learner can first see. */
  frameMedianMs: number;
  frameP95Ms: number;
}

async function editLatency(browser: Browser, url: string, widget: BenchedWidget, backend: Backend): Promise<LatencyResult> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript((b) => localStorage.setItem('camlab-backend', b), backend);
  await page.goto(url + widget.path);
  await page.locator(widget.tag).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${widget.tag}[data-state=ready]`, { timeout: 60_000 });
  // Controls in a folded part (lesson 8's maps) are edited as a learner would, after unfolding it.
  await page.evaluate((t) => document.querySelectorAll<HTMLDetailsElement>(`${t} details`).forEach((d) => (d.open = true)), widget.tag);
  await page.waitForSelector(`${widget.tag} [data-backend-timing][data-backend]`, { timeout: 60_000 });
  const shownBackend = await page.locator(`${widget.tag} [data-backend-timing]`).getAttribute('data-backend');
  if (shownBackend !== backend) throw new Error(`${widget.name}: asked for ${backend}, the page computed on ${shownBackend}`);

  const samples = await page.evaluate(
    async ({ tag, cells, edits, kind, values, back }) => {
      const host = document.querySelector(tag) as HTMLElement;
      const inputs = [...host.querySelectorAll<HTMLInputElement>(cells)];
      if (!inputs.length) throw new Error(`${tag}: no ${cells} to edit`);
      const nextFrame = () => new Promise((r) => requestAnimationFrame(r));
      const dom: number[] = [];
      const frame: number[] = [];
      for (let n = 0; n < edits; n++) {
        let input = inputs[(n * 7) % inputs.length];
        // A button spent for now (a stepper's next at its last line) changes nothing: the row's back button (its
        // previous line) is the edit instead, so every timed edit renders one line more or less.
        if (kind === 'click' && input.disabled && back) input = host.querySelector<HTMLInputElement>(back) ?? input;
        // An edit that does not render is a bug of the row (an unchanged value, a disabled control): say which, never wait forever.
        let timer = 0;
        const rendered = new Promise((resolve, reject) => {
          host.addEventListener('camlab:rendered', resolve, { once: true });
          timer = window.setTimeout(() => reject(new Error(`${tag}: edit ${n} of ${cells} (value ${input.value}, checked ${input.checked}) rendered nothing within 10 s`)), 10_000);
        });
        const start = performance.now();
        if (kind === 'check') {
          input.checked = true;
          input.dispatchEvent(new Event('change', { bubbles: true }));
        } else if (kind === 'click') input.click();
        else {
          input.value = String(kind === 'slide' ? ((n * 37) % 100) / 100 : values ? values[n % values.length] : (n * 37) % 200);
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }
        await rendered;
        clearTimeout(timer);
        dom.push(performance.now() - start);
        await nextFrame();
        frame.push(performance.now() - start);
        await nextFrame(); // let the page settle, as between a learner's keystrokes
      }
      return { dom, frame };
    },
    { tag: widget.tag, cells: widget.control, edits: EDITS + WARMUP, kind: widget.kind ?? 'type', values: widget.values ?? null, back: widget.back ?? null },
  );
  await page.close();
  const dom = samples.dom.slice(WARMUP).sort((a, b) => a - b);
  const frame = samples.frame.slice(WARMUP).sort((a, b) => a - b);
  return {
    widget: widget.name,
    backend,
    edits: dom.length,
    medianMs: quantile(dom, 0.5),
    p95Ms: quantile(dom, 0.95),
    maxMs: dom[dom.length - 1],
    frameMedianMs: quantile(frame, 0.5),
    frameP95Ms: quantile(frame, 0.95),
  };
}

/** gzip bytes of every script a page fetches before any widget scrolls into view. */
async function javascriptBeforeWidgets(browser: Browser, url: string, path: string): Promise<{ path: string; files: number; gzipBytes: number; rawBytes: number }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 500 } });
  const bodies: Promise<Buffer>[] = [];
  page.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (response.request().resourceType() === 'script' || type.includes('javascript')) bodies.push(response.body());
  });
  await page.goto(url + path, { waitUntil: 'networkidle' });
  const started = await page.locator('[data-state]').count();
  if (started > 0) throw new Error(`${path}: a widget started before scrolling; the size figure would be wrong`);
  // Inline scripts count too: they are part of the HTML the learner downloads.
  const inline = await page.evaluate(() => [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? '').join('\n'));
  const buffers = [...(await Promise.all(bodies)), Buffer.from(inline)];
  await page.close();
  return {
    path,
    files: buffers.length - 1,
    gzipBytes: buffers.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0),
    rawBytes: buffers.reduce((n, b) => n + b.length, 0),
  };
}

const fmt = (x: number) => x.toFixed(2).padStart(8);

async function main() {
  const site = await buildAndServe();
  const browser = await launchChromium();
  try {
    const latency: LatencyResult[] = [];
    const chosen = rows.filter((w) => w.name.includes(ONLY));
    for (const widget of chosen) {
      for (const backend of backendsOf(widget)) {
        process.stderr.write(`${widget.name} on ${backend} ... `);
        const result = await editLatency(browser, site.url, widget, backend);
        process.stderr.write(`p95 ${result.p95Ms.toFixed(1)} ms\n`);
        latency.push(result);
      }
    }
    const paths = [...new Set(chosen.map((w) => w.path))];
    const javascript = [];
    for (const path of paths) javascript.push(await javascriptBeforeWidgets(browser, site.url, path));

    console.log(`\nEdit -> every number updated, and -> the next frame (${EDITS} edits after ${WARMUP} warm-up; ms; * = the widget's default backend)`);
    console.log('row                                                   backend   median      p95      max  | next frame: median      p95');
    for (const r of latency) {
      const row = rows.find((w) => w.name === r.widget)!;
      const isDefault = r.backend === row.defaultBackend;
      const target = targetsOf(row);
      const over = [r.p95Ms > target.dom ? `p95 over ${target.dom} ms` : '', r.frameP95Ms > target.frame ? `frame p95 over ${target.frame} ms` : ''].filter(Boolean).join(', ');
      const flag = isDefault && over ? `  ${over}` : '';
      console.log(`${r.widget.padEnd(54)}${(r.backend + (isDefault ? '*' : '')).padEnd(8)}${fmt(r.medianMs)} ${fmt(r.p95Ms)} ${fmt(r.maxMs)}  |           ${fmt(r.frameMedianMs)} ${fmt(r.frameP95Ms)}${flag}`);
    }
    console.log('\nJavaScript loaded before any widget is visible');
    for (const j of javascript) {
      const flag = j.gzipBytes / 1024 <= TARGET_JS_KB ? '' : `  over the ${TARGET_JS_KB} KB target`;
      console.log(`${j.path.padEnd(40)} ${String(j.files).padStart(2)} files  ${(j.gzipBytes / 1024).toFixed(1)} KB gzip (${(j.rawBytes / 1024).toFixed(1)} KB raw)${flag}`);
    }
    console.log(`\nBuild: ${(site.buildMs / 1000).toFixed(1)} s`);

    const results = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, chromium: browser.version(), node: process.version },
      targets: { domP95Ms: TARGET_DOM_P95_MS, frameP95Ms: TARGET_FRAME_P95_MS, newImageP95Ms: TARGET_IMAGE_P95_MS, javascriptKbGzip: TARGET_JS_KB },
      latency: latency.map((r) => ({ ...r, defaultBackend: rows.find((w) => w.name === r.widget)?.defaultBackend === r.backend })),
      javascript,
      buildSeconds: site.buildMs / 1000,
    };
    mkdirSync(`${root}bench`, { recursive: true });
    writeFileSync(`${root}bench/results.json`, JSON.stringify(results, null, 2) + '\n');
    console.log('Wrote bench/results.json');
  } finally {
    await browser.close();
    await site.stop();
  }
}

await main();
