import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { generateSample } from '../../../src/shapes/dataset.ts';
import { writePng } from '../../../src/node/image-io.ts';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'cam-lab-explain-'));
const png = join(dir, 'square.png');
const big = join(dir, 'big.png');

const explain = (...args: string[]) => runCli('src/cli/explain.ts', args);

describe('npm run explain', () => {
  beforeAll(() => {
    writePng(png, { width: 64, height: 64, data: generateSample(2024, 1).image }); // a square
    // A 100x80 image: explain resizes it to 64x64.
    const s = generateSample(2024, 3).image;
    const data = new Float32Array(100 * 80 * 3);
    for (let y = 0; y < 80; y++) for (let x = 0; x < 100; x++) for (let c = 0; c < 3; c++) data[(y * 100 + x) * 3 + c] = s[(Math.floor(y * 0.8) * 64 + Math.floor(x * 0.64)) * 3 + c];
    writePng(big, { width: 100, height: 80, data });
    writeFileSync(join(dir, 'notes.png'), 'this is text, not a picture');
    mkdirSync(join(dir, 'empty-model'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a viridis overlay and the JSON record for CAM on shapes-gap', async () => {
    const out = join(dir, 'cam.png');
    const json = join(dir, 'cam.json');
    const r = await explain('--model', 'models/shapes-gap', '--image', png, '--method', 'cam', '--out', out, '--json', json);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const record = JSON.parse(readFileSync(json, 'utf8'));
    expect(record.method).toBe('cam');
    expect(record.layer).toBe('last_conv');
    expect(record.className).toBe(['circle', 'square', 'triangle', 'cross'][record.classIndex]);
    expect(record.scores).toHaveLength(4);
    expect(record.probabilities.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 5);
    expect(record.weights).toHaveLength(64);
    expect([record.map.length, record.map[0].length]).toEqual([16, 16]);
    expect([record.upsampled.length, record.upsampled[0].length]).toEqual([64, 64]);
    const flat = record.upsampled.flat();
    expect(Math.min(...flat)).toBeCloseTo(0, 6);
    expect(Math.max(...flat)).toBeCloseTo(1, 6);
    // The CAM identity: the mean of the raw map plus the bias is the class score.
    const mean = record.map.flat().reduce((a: number, b: number) => a + b, 0) / 256;
    // The bias b_c read straight from weights.bin, at its place in the manifest (all float32).
    const model = JSON.parse(readFileSync('models/shapes-gap/model.json', 'utf8'));
    const specs: { name: string; shape: number[] }[] = model.weightsManifest[0].weights;
    const at = specs.findIndex((w) => w.name === 'class_scores/bias');
    expect(at).toBeGreaterThanOrEqual(0);
    const offset = specs.slice(0, at).reduce((n, w) => n + 4 * w.shape.reduce((a, b) => a * b, 1), 0);
    const weights = readFileSync('models/shapes-gap/weights.bin');
    const bias = new Float32Array(weights.buffer.slice(weights.byteOffset + offset, weights.byteOffset + offset + 16));
    expect(mean + bias[record.classIndex]).toBeCloseTo(record.scores[record.classIndex], 4);
    const image = PNG.sync.read(readFileSync(out));
    expect([image.width, image.height]).toEqual([256, 256]);
  }, 60_000);

  it('explains a resized image with Grad-CAM on shapes-fc and a chosen class', async () => {
    const json = join(dir, 'fc.json');
    const r = await explain('--model', 'models/shapes-fc', '--image', big, '--method', 'gradcam', '--class', '2', '--out', join(dir, 'fc.png'), '--json', json);
    expect(r.code).toBe(0);
    const record = JSON.parse(readFileSync(json, 'utf8'));
    expect(record.classIndex).toBe(2);
    expect(record.image.resizedTo).toEqual([64, 64]);
    expect(record.map.flat().every((v: number) => v >= 0)).toBe(true); // after the ReLU
  }, 60_000);

  const bad: [string, string[], RegExp][] = [
    ['a missing image', ['--model', 'models/shapes-gap', '--image', 'nope.png', '--method', 'cam'], /no such image file: nope\.png/],
    ['a file that is not an image', ['--model', 'models/shapes-gap', '--image', join(dir, 'notes.png'), '--method', 'cam'], /is not a PNG or JPEG image/],
    ['a model folder without model.json', ['--model', join(dir, 'empty-model'), '--image', png, '--method', 'cam'], /no model\.json in/],
    ['a class out of range', ['--model', 'models/shapes-gap', '--image', png, '--method', 'gradcam', '--class', '4'], /class 4 is out of range: this model has 4 classes \(0-3\)/],
    ['a layer that is not a conv layer', ['--model', 'models/shapes-gap', '--image', png, '--method', 'gradcam', '--layer', 'gap'], /layer 'gap' is not a conv layer/],
    ['CAM of a model without GAP', ['--model', 'models/shapes-fc', '--image', png, '--method', 'cam'], /CAM needs global average pooling.*use --method gradcam/],
    ['an unknown method', ['--model', 'models/shapes-gap', '--image', png, '--method', 'lime'], /unknown method 'lime'/],
  ];
  for (const [what, args, message] of bad) {
    it(`fails with one clear line for ${what}`, async () => {
      const r = await explain(...args, '--out', join(dir, 'x.png'));
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
    }, 60_000);
  }
});
