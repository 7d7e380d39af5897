import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';

// Which folder of src/ may import which (README, "How it is built"):
// - the code the browser loads (src/widgets, src/state, src/lib, src/model) and the shapes generator
//   (src/shapes, shared by the page and training) reach nothing in src/train, src/cli or src/node;
// - src/shapes reaches no Node built-in module and no Node-only package;
// - src/train does not reach src/cli (only the command-line entry points import everything);
// - no two modules of src/ import each other, directly or round a longer loop.
// Imports (static, type-only, re-exports, side-effect and dynamic) are read with regular expressions, not a
// parser: enough for this code, which writes one import per statement; a relative import that resolves to
// no file is reported too, so one the expressions misread shows.

const BROWSER_SIDE = ['src/widgets', 'src/state', 'src/lib', 'src/model', 'src/shapes'];
const NODE_SIDE = ['src/train', 'src/cli', 'src/node'];
const NODE_ONLY_PACKAGES = ['pngjs', 'jpeg-js', '@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];
const CODE = /\.(ts|mts|js|mjs|astro)$/;

/** Repo-relative posix path -> text ('' for files that are not code, kept so imports of them resolve). */
type Sources = Map<string, string>;

function readSources(dir = 'src', into: Sources = new Map()): Sources {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) readSources(path, into);
    else into.set(path, CODE.test(path) ? readFileSync(path, 'utf8') : '');
  }
  return into;
}

/** Every module specifier a file names: import/export ... from, side-effect imports, import(...). */
function specifiers(text: string): string[] {
  const found: string[] = [];
  const patterns = [
    /^[ \t]*(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"\n]+)['"]/gm,
    /^[ \t]*import\s*['"]([^'"\n]+)['"]/gm,
    /\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const m of text.matchAll(pattern)) found.push(m[1]);
  return found;
}

interface Imports {
  /** Resolved repo-relative paths of the relative imports. */
  files: string[];
  /** Bare specifiers: packages and built-in modules. */
  packages: string[];
  unresolved: string[];
}

function importGraph(sources: Sources): Map<string, Imports> {
  const graph = new Map<string, Imports>();
  for (const [file, text] of sources) {
    if (!CODE.test(file)) continue;
    const imports: Imports = { files: [], packages: [], unresolved: [] };
    for (const raw of specifiers(text)) {
      const spec = raw.replace(/\?.*$/, '');
      if (!spec.startsWith('.')) {
        imports.packages.push(spec);
        continue;
      }
      const base = posix.join(posix.dirname(file), spec);
      const target = [base, `${base}.ts`, `${base}/index.ts`].find((p) => sources.has(p));
      if (target) imports.files.push(target);
      else if (!base.startsWith('src/') && existsSync(base)) continue; // outside src/ (models/localization.json): no part of the graph
      else imports.unresolved.push(raw);
    }
    graph.set(file, imports);
  }
  return graph;
}

const inFolder = (file: string, folders: string[]) => folders.some((f) => file.startsWith(`${f}/`));

/**
 * The first import chain from `start` to a file `bad` accepts, or null: a depth-first walk that does not
 * enter files `checked` accepts (they are checked themselves, so one bad import is reported once).
 */
function chainTo(graph: Map<string, Imports>, start: string, bad: (file: string) => boolean, checked: (file: string) => boolean): string[] | null {
  const seen = new Set<string>([start]);
  const walk = (file: string, path: string[]): string[] | null => {
    for (const next of graph.get(file)?.files ?? []) {
      if (bad(next)) return [...path, next];
      if (seen.has(next) || checked(next)) continue;
      seen.add(next);
      const found = walk(next, [...path, next]);
      if (found) return found;
    }
    return null;
  };
  return walk(start, [start]);
}

/** `start` and the files it reaches through relative imports, not entering files `checked` accepts. */
function reach(graph: Map<string, Imports>, start: string, checked: (file: string) => boolean): Set<string> {
  const seen = new Set<string>([start]);
  const stack = [start];
  while (stack.length) {
    for (const next of graph.get(stack.pop()!)?.files ?? []) {
      if (!seen.has(next) && !checked(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

const isNodeBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec) || builtinModules.includes(spec.split('/')[0]);
const isNodeOnlyPackage = (spec: string) => NODE_ONLY_PACKAGES.some((p) => spec === p || spec.startsWith(`${p}/`));

/** Every import cycle, each once, as a closed path (first file repeated at the end). */
function cycles(graph: Map<string, Imports>): string[][] {
  const found = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file)?.files ?? []) {
      if (!graph.has(next)) continue; // not code (a stylesheet, a JSON file)
      if (state.get(next) === 'open') {
        const loop = stack.slice(stack.indexOf(next));
        const key = [...loop].sort().join(' ');
        if (!found.has(key)) found.set(key, [...loop, next]);
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return [...found.values()];
}

/** Every breach of the rules above, one line each. */
function problems(sources: Sources): string[] {
  const graph = importGraph(sources);
  const out: string[] = [];
  for (const [file, imports] of graph) {
    for (const spec of imports.unresolved) out.push(`${file}: cannot resolve '${spec}'`);
    if (inFolder(file, BROWSER_SIDE)) {
      const chain = chainTo(graph, file, (f) => inFolder(f, NODE_SIDE), (f) => inFolder(f, BROWSER_SIDE));
      if (chain) out.push(`${file} reaches Node-side code: ${chain.join(' -> ')}`);
    }
    if (inFolder(file, ['src/shapes'])) {
      for (const reached of reach(graph, file, (f) => inFolder(f, ['src/shapes']))) {
        for (const spec of graph.get(reached)?.packages ?? []) {
          if (isNodeBuiltin(spec) || isNodeOnlyPackage(spec)) out.push(`${file} reaches Node-only '${spec}'${reached === file ? '' : ` (in ${reached})`}`);
        }
      }
    }
    if (inFolder(file, ['src/train'])) {
      const chain = chainTo(graph, file, (f) => inFolder(f, ['src/cli']), (f) => inFolder(f, ['src/train']));
      if (chain) out.push(`${file} reaches src/cli: ${chain.join(' -> ')}`);
    }
  }
  for (const loop of cycles(graph)) out.push(`import cycle: ${loop.join(' -> ')}`);
  return [...new Set(out)];
}

describe('the import checker', () => {
  it('reads every kind of import this code writes', () => {
    const text = [
      "import { a,\n  b } from './multi-line.ts';",
      "import type { T } from '../types.ts';",
      "export { c } from './re-export.ts';",
      "export * from './star.ts';",
      "import './side-effect.ts';",
      "const m = await import('./dynamic.ts');",
      "import * as tf from '@tensorflow/tfjs-core';",
      ' * not an import from a comment line',
    ].join('\n');
    expect(specifiers(text).sort()).toEqual(['./multi-line.ts', '../types.ts', './re-export.ts', './star.ts', './side-effect.ts', './dynamic.ts', '@tensorflow/tfjs-core'].sort());
  });

  it('reports each kind of breach, in a made-up tree', () => {
    const found = problems(new Map([
      ['src/state/a.ts', "import {\n  x,\n} from '../train/b.ts';"],
      ['src/train/b.ts', "export const x = 1;\nconst { y } = await import('../cli/c.ts');"],
      ['src/cli/c.ts', 'export const y = 2;'],
      ['src/widgets/d.ts', "import type { K } from '../components/k.ts';"],
      ['src/components/k.ts', "import { io } from '../node/f.ts';\nexport type K = 1;"],
      ['src/shapes/e.ts', "import { readFileSync } from 'node:fs';\nimport jpeg from 'jpeg-js';\nimport { j } from '../lib/j.ts';\nexport { io } from '../node/f.ts';"],
      ['src/lib/j.ts', "import { PNG } from 'pngjs';\nexport const j = 4;"],
      ['src/node/f.ts', 'export const io = 3;'],
      ['src/lib/g.ts', "import type { H } from './h.ts';\nexport type G = 1;"],
      ['src/lib/h.ts', "import type { G } from './g.ts';\nexport type H = 2;"],
      ['src/lib/i.ts', "import './missing.ts';"],
    ]));
    expect(found).toContain('src/state/a.ts reaches Node-side code: src/state/a.ts -> src/train/b.ts');
    expect(found).toContain('src/widgets/d.ts reaches Node-side code: src/widgets/d.ts -> src/components/k.ts -> src/node/f.ts');
    expect(found).toContain('src/shapes/e.ts reaches Node-side code: src/shapes/e.ts -> src/node/f.ts');
    expect(found).toContain("src/shapes/e.ts reaches Node-only 'node:fs'");
    expect(found).toContain("src/shapes/e.ts reaches Node-only 'jpeg-js'");
    expect(found).toContain("src/shapes/e.ts reaches Node-only 'pngjs' (in src/lib/j.ts)");
    expect(found).toContain('src/train/b.ts reaches src/cli: src/train/b.ts -> src/cli/c.ts');
    expect(found).toContain('import cycle: src/lib/g.ts -> src/lib/h.ts -> src/lib/g.ts');
    expect(found).toContain("src/lib/i.ts: cannot resolve './missing.ts'");
    expect(found).toHaveLength(9); // and nothing else: a file the walk reaches that is checked itself is not walked through
  });
});

describe('the folders of src/', () => {
  const sources = readSources();

  it('are read: the checker sees known imports, static and dynamic', () => {
    const graph = importGraph(sources);
    expect(graph.get('src/train/fit.ts')?.files).toContain('src/shapes/dataset.ts');
    expect(graph.get('src/cli/evaluate.ts')?.files).toContain('src/train/fit.ts');
    expect([...graph.values()].reduce((n, i) => n + i.files.length, 0)).toBeGreaterThan(100);
  });

  it('keep their import rules and hold no import cycle', () => {
    expect(problems(sources)).toEqual([]);
  });
});
