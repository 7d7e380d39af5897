/**
 * npm run home-picture [-- --out DIR --json FILE]
 *
 * The home page's picture, drawn from the real network, never by hand. The lesson-1 widget `cam-shapes` is
 * run here as the page runs it: its own defaults (the test image it opens on), its own compute (shapes-gap's
 * conv layers, then the page's derive() of the scores and M_c upsampled to the image), the learner's default
 * colour map and the widget's opacity. It writes, at the image's own 64 x 64 (the page scales them up with
 * square pixels, as the widget's canvas does):
 *   DIR/shapes-image.png   the test image                                  (default DIR: public/home)
 *   DIR/shapes-cam.png     the CAM of the network's answer over the image
 *   FILE                   what the page says about them: the image, the class, its probability, the map's range
 *                          (default FILE: src/components/home/home-picture.json)
 * The same model files give the same bytes. Any failure ends with one line on stderr and exit code 1.
 */
import './node-hooks.ts';

/** The widget draws the map over the image at this opacity (src/widgets/shapes-classify.ts). */
export const CAM_OPACITY = 0.6;

export interface HomePicture {
  /** RGBA bytes, 64 x 64, of the image and of the map over it. */
  image: Uint8Array;
  cam: Uint8Array;
  size: number;
  facts: {
    generatedBy: string;
    model: string;
    widget: string;
    set: string;
    n: number;
    /** The class explained: the network's answer. */
    c: number;
    className: string;
    truth: string[];
    S: number[];
    p: number[];
    /** The range of the upsampled map, and whether it was drawn on the red-blue (signed) scale. */
    mapMin: number;
    mapMax: number;
    colourScale: string;
    opacity: number;
  };
}

/** Computes the picture with the backend already set. */
export async function renderHomePicture(modelDir = 'models/shapes-gap'): Promise<HomePicture> {
  const { loadGapNetwork } = await import('../model/gap-network.ts');
  const { CLASS_NAMES, NUM_CLASSES, SIZE } = await import('../state/shapes-samples.ts');
  const { colourScale, extent } = await import('../widgets/colormap.ts');
  const { default: widget } = await import('../widgets/shapes-classify.ts');
  const network = await loadGapNetwork(modelDir, NUM_CLASSES);
  const state = widget.defaults(network);
  const { sample, derived, c } = await widget.compute(state, network);
  const [min, max] = extent(derived.Mup!);
  const scale = colourScale('viridis', min, max);
  return {
    image: blend(sample.image, null, null, SIZE),
    cam: blend(sample.image, derived.Mup!, scale, SIZE),
    size: SIZE,
    facts: {
      generatedBy: 'npm run home-picture',
      model: modelDir,
      widget: 'cam-shapes',
      set: state.set,
      n: state.n,
      c,
      className: CLASS_NAMES[c],
      truth: sample.objects.map((o) => CLASS_NAMES[o.label]),
      S: Array.from(derived.S, round),
      p: Array.from(derived.p, round),
      mapMin: round(min),
      mapMax: round(max),
      colourScale: scale.kind,
      opacity: CAM_OPACITY,
    },
  };
}

const round = (x: number) => Number(x.toFixed(4));

/**
 * The pixels the widget's canvas holds (drawOverlay in src/widgets/heatmap.ts, at zoom 1): the image's
 * bytes, and over them the map's colour-table step mixed in at the widget's opacity, rounded as it rounds.
 */
function blend(image: Float32Array, map: ArrayLike<number> | null, scale: { index(v: number): number; rgb: Uint8ClampedArray } | null, size: number): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const byte = (v: number) => (v > 0 ? (v < 1 ? Math.round(255 * v) : 255) : 0);
  for (let p = 0; p < size * size; p++) {
    const rgb = [byte(image[p * 3]), byte(image[p * 3 + 1]), byte(image[p * 3 + 2])];
    for (let ch = 0; ch < 3; ch++) {
      let v = rgb[ch];
      if (map && scale) v = (1 - CAM_OPACITY) * v + CAM_OPACITY * scale.rgb[scale.index(map[p]) * 3 + ch];
      out[p * 4 + ch] = (v + 0.5) & 255;
    }
    out[p * 4 + 3] = 255;
  }
  return out;
}

async function main(argv: string[]): Promise<void> {
  const { parseArgs } = await import('node:util');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const { dirname, join } = await import('node:path');
  const { PNG } = await import('pngjs');
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string', default: 'public/home' }, json: { type: 'string', default: 'src/components/home/home-picture.json' } } });
  const tf = await import('@tensorflow/tfjs-core');
  tf.env().set('PROD', true); // no console banners
  await import('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  const picture = await renderHomePicture();
  mkdirSync(values.out, { recursive: true });
  mkdirSync(dirname(values.json), { recursive: true });
  for (const [name, data] of [['shapes-image.png', picture.image], ['shapes-cam.png', picture.cam]] as const) {
    const png = new PNG({ width: picture.size, height: picture.size });
    png.data.set(data);
    writeFileSync(join(values.out, name), PNG.sync.write(png, { colorType: 2 }));
  }
  writeFileSync(values.json, `${JSON.stringify(picture.facts, null, 2)}\n`);
  const { facts } = picture;
  console.log(`home-picture: test image ${facts.n} (${facts.truth.join(', ')}), CAM of ${facts.className} (p = ${(facts.p[facts.c] * 100).toFixed(1)}%): wrote ${values.out}/shapes-image.png, ${values.out}/shapes-cam.png and ${values.json}`);
}

if (import.meta.main) {
  try {
    await main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`home-picture: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}\n`);
    process.exit(1);
  }
}
