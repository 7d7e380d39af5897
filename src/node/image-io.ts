// Node-only (node:fs, pngjs, jpeg-js): never import this from src/shapes or from code the browser loads.
/**
 * Image files in pure JavaScript (pngjs, jpeg-js): decode to RGB in [0, 1], encode RGB to PNG,
 * and bilinear resizing so any image can meet a model's 64x64 input.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';

export interface RgbImage {
  width: number;
  height: number;
  /** Row-major RGB, channels last, values in [0, 1]. */
  data: Float32Array;
}

function fromRgba(rgba: Uint8Array | Buffer, width: number, height: number): RgbImage {
  const data = new Float32Array(width * height * 3);
  for (let i = 0, j = 0; i < width * height; i++, j += 4) {
    // Transparent pixels are composited over white, as a browser shows them.
    const a = rgba[j + 3] / 255;
    for (let ch = 0; ch < 3; ch++) data[i * 3 + ch] = (rgba[j + ch] / 255) * a + (1 - a);
  }
  return { width, height, data };
}

/** Decodes a PNG or JPEG by its first bytes; throws a one-line message for anything else. */
export function decodeImage(bytes: Buffer): RgbImage {
  if (bytes.length > 8 && bytes.readUInt32BE(0) === 0x89504e47) {
    const png = PNG.sync.read(bytes);
    return fromRgba(png.data, png.width, png.height);
  }
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 512 });
    return fromRgba(img.data, img.width, img.height);
  }
  throw new Error('not a PNG or JPEG image');
}

export function readImage(path: string): RgbImage {
  return decodeImage(readFileSync(path));
}

export function encodePng(image: RgbImage): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  for (let i = 0; i < image.width * image.height; i++) {
    for (let ch = 0; ch < 3; ch++) png.data[i * 4 + ch] = Math.round(Math.min(1, Math.max(0, image.data[i * 3 + ch])) * 255);
    png.data[i * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}

export function writePng(path: string, image: RgbImage): void {
  writeFileSync(path, encodePng(image));
}

/** Bilinear resize with half-pixel centres (as tf.image.resizeBilinear with halfPixelCenters). */
export function resizeBilinear(image: RgbImage, width: number, height: number): RgbImage {
  if (image.width === width && image.height === height) return image;
  const out = new Float32Array(width * height * 3);
  const sx = image.width / width, sy = image.height / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(image.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy), y1 = Math.min(image.height - 1, y0 + 1), ty = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(image.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
      const x0 = Math.floor(fx), x1 = Math.min(image.width - 1, x0 + 1), tx = fx - x0;
      for (let ch = 0; ch < 3; ch++) {
        const at = (xx: number, yy: number) => image.data[(yy * image.width + xx) * 3 + ch];
        const top = at(x0, y0) + (at(x1, y0) - at(x0, y0)) * tx;
        const bottom = at(x0, y1) + (at(x1, y1) - at(x0, y1)) * tx;
        out[(y * width + x) * 3 + ch] = top + (bottom - top) * ty;
      }
    }
  }
  return { width, height, data: out };
}
