/**
 * `npm run bench`: speed and size, measured in the same headless Chromium the tests use.
 * - edit latency: from a cell edit to the page showing every updated number, per widget and backend;
 * - JavaScript a lesson page loads before any widget is visible (gzip bytes);
 * - the build time.
 * BENCH_EDITS=N sets the edits per row, BENCH_ONLY=text the widgets measured.
 * Prints a table and writes bench/results.json. Targets: p95 <= 16 ms, <= 50 KB gzip before a widget.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../e2e/browser.ts';
import { buildAndServe, root } from '../e2e/site.ts';
import { benchedWidgets, type BenchedWidget } from './widgets.ts';

// Every backend a learner can pick in a widget's switch (src/state/backend.ts).
const BACKENDS = ['cpu', 'webgl', 'wasm'] as const;
type Backend = (typeof BACKENDS)[number];

const EDITS = Number(process.env.BENCH_EDITS ?? 220);
// BENCH_ONLY=text measures only the widgets whose name contains it, e.g. BENCH_ONLY=trained.
const ONLY = process.env.BENCH_ONLY ?? '';
const WARMUP = 20;
const TARGET_P95_MS = 16;
const TARGET_JS_KB = 50;

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
  await page.waitForSelector(`${widget.tag} [data-backend-timing][data-backend]`, { timeout: 60_000 });
  const shownBackend = await page.locator(`${widget.tag} [data-backend-timing]`).getAttribute('data-backend');
  if (shownBackend !== backend) throw new Error(`${widget.name}: asked for ${backend}, the page computed on ${shownBackend}`);

  const samples = await page.evaluate(
    async ({ tag, cells, edits, kind }) => {
      const host = document.querySelector(tag) as HTMLElement;
      const inputs = [...host.querySelectorAll<HTMLInputElement>(cells)];
      if (!inputs.length) throw new Error(`${tag}: no ${cells} to edit`);
      const nextFrame = () => new Promise((r) => requestAnimationFrame(r));
      const dom: number[] = [];
      const frame: number[] = [];
      for (let n = 0; n < edits; n++) {
        const input = inputs[(n * 7) % inputs.length];
        const rendered = new Promise((r) => host.addEventListener('camlab:rendered', r, { once: true }));
        const start = performance.now();
        if (kind === 'check') {
          input.checked = true;
          input.dispatchEvent(new Event('change', { bubbles: true }));
        } else if (kind === 'click') input.click();
        else {
          input.value = String(kind === 'slide' ? ((n * 37) % 100) / 100 : (n * 37) % 200);
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }
        await rendered;
        dom.push(performance.now() - start);
        await nextFrame();
        frame.push(performance.now() - start);
        await nextFrame(); // let the page settle, as between a learner's keystrokes
      }
      return { dom, frame };
    },
    { tag: widget.tag, cells: widget.cells, edits: EDITS + WARMUP, kind: widget.edit ?? 'type' },
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
    for (const widget of benchedWidgets.filter((w) => w.name.includes(ONLY))) {
      for (const backend of BACKENDS) latency.push(await editLatency(browser, site.url, widget, backend));
    }
    const paths = [...new Set(benchedWidgets.filter((w) => w.name.includes(ONLY)).map((w) => w.path))];
    const javascript = [];
    for (const path of paths) javascript.push(await javascriptBeforeWidgets(browser, site.url, path));

    console.log(`\nEdit -> every number updated (${EDITS} edits after ${WARMUP} warm-up; ms)`);
    console.log('widget                          backend   median      p95      max  | next frame: median      p95');
    for (const r of latency) {
      const flag = r.p95Ms <= TARGET_P95_MS ? '' : `  over the ${TARGET_P95_MS} ms target`;
      console.log(`${r.widget.padEnd(32)}${r.backend.padEnd(8)}${fmt(r.medianMs)} ${fmt(r.p95Ms)} ${fmt(r.maxMs)}  |           ${fmt(r.frameMedianMs)} ${fmt(r.frameP95Ms)}${flag}`);
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
      targets: { p95Ms: TARGET_P95_MS, javascriptKbGzip: TARGET_JS_KB },
      latency,
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
