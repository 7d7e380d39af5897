import { describe, expect, it } from 'vitest';

// Generating a few hundred images takes about a second alone; allow for a busy machine.
const SLOW = 60_000;
import { createHash } from 'node:crypto';
import { CUE_AGREEMENT, CUE_BOX, NUM_CLASSES, SIZE, generateSample, generateSet } from '../../../src/shapes/dataset.ts';
import { contactSheet } from '../../../src/shapes/contact-sheet.ts';
import { boxArea } from '../../../src/lib/localize.ts';

const hash = (a: Float32Array) => createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');

describe('shapes dataset', () => {
  it('gives the same images, byte for byte, for the same seed, however the set is cut', () => {
    const a = generateSet(42, 24);
    const b = generateSet(42, 24);
    expect(hash(a.images)).toBe(hash(b.images));
    // Sample 10 alone equals sample 10 of the set: every image has its own stream.
    const alone = generateSample(42, 10).image;
    expect(hash(alone)).toBe(hash(a.images.slice(10 * SIZE * SIZE * 3, 11 * SIZE * SIZE * 3)));
    const offset = generateSet(42, 4, {}, 10);
    expect(hash(offset.images.slice(0, SIZE * SIZE * 3))).toBe(hash(alone));
    expect(hash(generateSet(43, 24).images)).not.toBe(hash(a.images));
  }, SLOW);

  it('holds 8-bit RGB values in [0, 1], balanced labels in class order, boxes of side 14-40 inside the image', () => {
    const set = generateSet(7, 120);
    for (let i = 0; i < set.images.length; i += 97) {
      const v = set.images[i];
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
      expect(Math.abs(v * 255 - Math.round(v * 255))).toBeLessThan(1e-4);
    }
    const counts = new Array(NUM_CLASSES).fill(0);
    set.labels.forEach((l, i) => {
      counts[l]++;
      expect(l).toBe(i % NUM_CLASSES); // 0 circle, 1 square, 2 triangle, 3 cross
    });
    expect(counts).toEqual([30, 30, 30, 30]);
    for (const b of set.boxes) {
      expect(b.x0).toBeGreaterThanOrEqual(0);
      expect(b.y0).toBeGreaterThanOrEqual(0);
      expect(b.x1).toBeLessThanOrEqual(SIZE);
      expect(b.y1).toBeLessThanOrEqual(SIZE);
      const side = Math.max(b.x1 - b.x0, b.y1 - b.y0);
      expect(side).toBeGreaterThanOrEqual(13); // 14 px of geometry, pixels counted when at least half covered
      expect(side).toBeLessThanOrEqual(41);
    }
  }, SLOW);

  it('spans the size range, small shapes and large ones', () => {
    const set = generateSet(5, 40);
    const sides = set.boxes.map((b) => Math.max(b.x1 - b.x0, b.y1 - b.y0));
    expect(Math.min(...sides)).toBeLessThan(20);
    expect(Math.max(...sides)).toBeGreaterThan(34);
    const areas = set.boxes.map(boxArea);
    expect(areas.every((a) => a > 0)).toBe(true);
  }, SLOW);

  it('makes two-object images of two different classes with separate boxes', () => {
    for (let i = 0; i < 40; i++) {
      const s = generateSample(3, i, { twoObjects: true });
      expect(s.objects).toHaveLength(2);
      const [a, b] = s.objects;
      expect(a.label).not.toBe(b.label);
      const apart = a.box.x1 <= b.box.x0 || b.box.x1 <= a.box.x0 || a.box.y1 <= b.box.y0 || b.box.y1 <= a.box.y0;
      expect(apart).toBe(true);
    }
  });

  it("biases the corner mark's colour towards the class in the biased set, and not in the cue-free set", () => {
    const biased = generateSet(11, 300, { cue: 'class' });
    const free = generateSet(12, 200, { cue: 'random' });
    const agree = (set: typeof biased) => set.samples.filter((s) => s.cueClass === s.label).length / set.count;
    expect(agree(biased)).toBeGreaterThan(CUE_AGREEMENT - 0.04);
    expect(agree(free)).toBeLessThan(0.35);
    for (const s of biased.samples) {
      const b = s.objects[0].box;
      expect(b.x0 >= CUE_BOX.x1 || b.y0 >= CUE_BOX.y1).toBe(true); // the shape never covers the mark
    }
    expect(generateSet(11, 8).samples.every((s) => s.cueClass === -1)).toBe(true);
  }, SLOW);

  it('lays samples out on a contact sheet with their boxes outlined', () => {
    const tiles = [0, 1, 2].map((i) => ({ image: generateSample(1, i).image, boxes: generateSample(1, i).objects.map((o) => o.box) }));
    const sheet = contactSheet(tiles, 2);
    expect(sheet.width).toBe(2 * (SIZE + 2) + 2);
    expect(sheet.height).toBe(2 * (SIZE + 2) + 2);
    const b = tiles[0].boxes[0];
    const at = ((2 + b.y0) * sheet.width + 2 + b.x0) * 3;
    expect([sheet.data[at], sheet.data[at + 1], sheet.data[at + 2]]).toEqual([1, 0, 1]);
  });
});
