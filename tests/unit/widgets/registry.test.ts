/**
 * The recipe for a widget, enforced: every row of the registry has its words in both languages, a bench
 * row, its own end-to-end test, a lesson in both locales that places it (where the shared link, hostile-link
 * and presenter checks of tests/e2e/contract/ find it), and a definition whose defaults survive
 * a trip through the link. Only the kit reads or writes the address.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { widgetRegistry } from '../../../src/widgets/registry.ts';
import { messages, locales, type MessageKey } from '../../../src/i18n/index.ts';
import { decodeState, encodeState, type StateValues } from '../../../src/state/url-state.ts';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

describe('the widget registry', () => {
  it('names each widget once', () => {
    const tags = widgetRegistry.map((e) => e.tag);
    expect(new Set(tags).size).toBe(tags.length);
    for (const tag of tags) expect(tag).toMatch(/^cam-[a-z-]+$/);
  });

  it('runs the shared checks on every row', () => {
    for (const file of ['links-en', 'links-ko', 'presenter']) {
      expect(read(`tests/e2e/contract/${file}.test.ts`)).toMatch(/for \(const entry of widgetRegistry\)/);
    }
  });

  for (const entry of widgetRegistry) {
    describe(entry.tag, () => {
      it('has its label in English and Korean', () => {
        for (const locale of locales) {
          const label = messages(locale)[`widget.label.${entry.tag}` as MessageKey];
          expect(label, `${locale}: widget.label.${entry.tag}`).toBeTruthy();
          expect(label.length).toBeGreaterThan(20);
        }
        expect(messages('ko')[`widget.label.${entry.tag}` as MessageKey]).not.toBe(messages('en')[`widget.label.${entry.tag}` as MessageKey]);
      });

      it('has a bench row: at least one edit, each naming its control', () => {
        expect(entry.edits.length).toBeGreaterThan(0);
        for (const edit of entry.edits) {
          expect(edit.name).toBeTruthy();
          expect(edit.control).toBeTruthy();
        }
      });

      it('has an end-to-end test of its own', () => {
        const file = `tests/e2e/widgets/${entry.tag}.test.ts`;
        expect(existsSync(new URL(file, root)), file).toBe(true);
        expect(read(file)).toContain(entry.tag.replace(/^cam-/, ''));
      });

      it('is placed by its lesson in both locales', () => {
        for (const locale of locales) {
          const mdx = read(`content/lessons/${locale}/${entry.lesson}.mdx`);
          expect(mdx, `${locale}/${entry.lesson}`).toContain(`<Widget tag="${entry.tag}" />`);
        }
      });

      it('defines a widget whose defaults pass its own check and come back whole from a link', async () => {
        const { default: definition } = await entry.load();
        for (const key of ['schema', 'defaults', 'compute', 'computeFrom', 'build'] as const) expect(definition[key], key).toBeDefined();
        const defaults = definition.defaults(undefined) as StateValues;
        expect(definition.check?.(defaults, undefined) ?? null).toBeNull();
        const decoded = decodeState(definition.schema, encodeState(definition.schema, defaults));
        expect(decoded).toEqual({ ok: true, values: JSON.parse(JSON.stringify(defaults)) });
        for (const field of definition.computeFrom) expect(Object.keys(definition.schema).concat('head', 'target')).toContain(field);
        // The first import transforms the widget's whole module graph, tfjs included: seconds on a busy two-core machine.
      }, 30_000);
    });
  }
});

describe('the address', () => {
  it('is read and written by the kit alone, never by a widget', () => {
    const dir = new URL('src/widgets/', root);
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.startsWith('kit/') && f !== 'lazy.ts');
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      expect(source, file).not.toMatch(/location\.(search|href)|history\.(push|replace)State|readParam|writeParam|stateFromUrl/);
    }
  });
});
