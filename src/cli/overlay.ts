/** Draws a [0, 1] map over an image in viridis (colour-blind safe, perceptually even), half transparent. */
import { interpolateViridis } from 'd3-scale-chromatic';
import { resizeBilinear, type RgbImage } from '../node/image-io.ts';

/** viridis as 256 RGB triples in [0, 1]. */
const VIRIDIS: [number, number, number][] = Array.from({ length: 256 }, (_, i) => {
  const hex = interpolateViridis(i / 255); // "#rrggbb"
  return [1, 3, 5].map((o) => parseInt(hex.slice(o, o + 2), 16) / 255) as [number, number, number];
});

export function viridis(t: number): [number, number, number] {
  return VIRIDIS[Math.round(Math.min(1, Math.max(0, t)) * 255)];
}

/**
 * The overlay at the image's own size, scaled up by a whole factor so the short side is at least `minSide`
 * (a 64x64 input becomes 256x256, each pixel a 4x4 block); the map is resized bilinearly to match.
 */
export function overlay(image: RgbImage, map: number[][], alpha = 0.5, minSide = 256): RgbImage {
  const k = Math.max(1, Math.ceil(minSide / Math.min(image.width, image.height)));
  const width = image.width * k, height = image.height * k;
  const mapImage: RgbImage = { width: map[0].length, height: map.length, data: Float32Array.from(map.flat().flatMap((v) => [v, v, v])) };
  const m = resizeBilinear(mapImage, width, height);
  const data = new Float32Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const src = (Math.floor(y / k) * image.width + Math.floor(x / k)) * 3;
    const colour = viridis(m.data[(y * width + x) * 3]);
    for (let ch = 0; ch < 3; ch++) data[(y * width + x) * 3 + ch] = (1 - alpha) * image.data[src + ch] + alpha * colour[ch];
  }
  return { width, height, data };
}
