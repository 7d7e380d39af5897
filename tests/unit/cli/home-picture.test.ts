import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import shapesWidget from '../../../src/widgets/shapes-classify.ts';
import { CLASS_NAMES } from '../../../src/state/shapes-samples.ts';
import { expected, nodeModel } from '../../e2e/trained-network.ts';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cam-lab-home-picture-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const homePicture = (...args: string[]) => runCli('src/cli/home-picture.ts', args);

const committed = JSON.parse(readFileSync('src/components/home/home-picture.json', 'utf8'));

describe('npm run home-picture', () => {
  it('regenerates the committed home-page pictures and facts byte for byte', async () => {
    const json = join(dir, 'facts.json');
    const r = await homePicture('--out', dir, '--json', json);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`CAM of ${committed.className}`);
    for (const file of ['shapes-image.png', 'shapes-cam.png']) {
      expect(readFileSync(join(dir, file)).equals(readFileSync(join('public/home', file))), `public/home/${file} is what the command draws now`).toBe(true);
    }
    expect(readFileSync(json, 'utf8')).toBe(readFileSync('src/components/home/home-picture.json', 'utf8'));
  }, 90_000);

  it('pictures the image the lesson-1 widget opens on, and the network’s own answer, right on this image', async () => {
    const defaults = shapesWidget.defaults(undefined as never);
    expect([committed.set, committed.n]).toEqual([defaults.set, defaults.n]);
    // An independent computation from the model files (plain loops over the maps, not the page's derive).
    const want = expected(await nodeModel(), committed.set, committed.n);
    expect(committed.c).toBe(want.best);
    expect(committed.className).toBe(CLASS_NAMES[want.best]);
    committed.S.forEach((s: number, c: number) => expect(Math.abs(s - want.S[c])).toBeLessThan(1e-3));
    expect(committed.truth).toContain(committed.className);
    // The picture is the map over the image: where the map is drawn, the two pictures differ.
    const image = PNG.sync.read(readFileSync('public/home/shapes-image.png'));
    const cam = PNG.sync.read(readFileSync('public/home/shapes-cam.png'));
    expect([cam.width, cam.height, image.width, image.height]).toEqual([64, 64, 64, 64]);
    let differ = 0;
    for (let i = 0; i < image.data.length; i += 4) if (image.data[i] !== cam.data[i] || image.data[i + 2] !== cam.data[i + 2]) differ++;
    expect(differ).toBeGreaterThan(64 * 64 * 0.9);
  }, 60_000);

  it('refuses an unknown option in one line', async () => {
    const r = await homePicture('--model', 'models/shapes-fc');
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^home-picture: .*--model/);
  }, 30_000);
});
