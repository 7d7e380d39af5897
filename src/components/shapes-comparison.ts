/**
 * The rows of lesson 9's table (ShapesComparison.astro): CAM against Grad-CAM over the test set, read from
 * the camVsGradCam section that `npm run evaluate` writes into models/localization.json. Every number on the
 * page is formatted here from that record, never typed, so a new evaluation updates the lesson.
 */
import { t, type Locale, type MessageKey } from '../i18n/index.ts';

interface Summary {
  mean: number;
  median: number;
  p10: number;
  p90: number;
}
interface Contrast {
  contrast: Summary;
  surround: Summary;
}
/** What the table reads of one network's record (src/train/map-comparison.ts, NetworkComparison). */
export interface NetworkNumbers {
  images: number;
  mapSize: number[];
  negativeShare: Summary;
  gradCam: Contrast;
  gradCamWithoutRelu: Contrast;
  relu: { raisesContrast: number; contrastGain: Summary };
  cam: { exists: boolean; contrast?: Summary; surround?: Summary; correlation?: Summary; largestDifference?: Summary };
}
export interface ComparisonNumbers {
  networks: Record<string, NetworkNumbers>;
}

/** The networks of the table's columns, in order. */
export const NETWORKS = ['shapes-gap', 'shapes-fc'] as const;

/** A cell: a mean and a median, one share for the whole network, or the reason there is no number. */
export type Cell =
  | { kind: 'summary'; mean: string; median: string }
  | { kind: 'share'; text: string }
  | { kind: 'none'; text: string };

export interface Row {
  id: string;
  label: string;
  cells: Cell[];
}

const decimals = (x: number) => x.toFixed(2);
const percent = (x: number) => (x * 100).toFixed(1);
const summary = (s: Summary): Cell => ({ kind: 'summary', mean: decimals(s.mean), median: decimals(s.median) });
const percentSummary = (s: Summary): Cell => ({ kind: 'summary', mean: percent(s.mean), median: percent(s.median) });

/** One row per measure; `read` returns null where the network has no such map (CAM on a flatten head). */
const ROWS: { id: string; read: (n: NetworkNumbers) => Cell | null }[] = [
  { id: 'correlation', read: (n) => (n.cam.correlation ? summary(n.cam.correlation) : null) },
  { id: 'largestDifference', read: (n) => (n.cam.largestDifference ? summary(n.cam.largestDifference) : null) },
  { id: 'contrastCam', read: (n) => (n.cam.contrast ? summary(n.cam.contrast) : null) },
  { id: 'contrastLinear', read: (n) => summary(n.gradCamWithoutRelu.contrast) },
  { id: 'contrastGradCam', read: (n) => summary(n.gradCam.contrast) },
  { id: 'surroundLinear', read: (n) => summary(n.gradCamWithoutRelu.surround) },
  { id: 'surroundGradCam', read: (n) => summary(n.gradCam.surround) },
  { id: 'negative', read: (n) => percentSummary(n.negativeShare) },
  { id: 'raises', read: (n) => ({ kind: 'share', text: percent(n.relu.raisesContrast) }) },
];

export function comparisonRows(numbers: ComparisonNumbers, locale: Locale): Row[] {
  const networks = NETWORKS.map((name) => {
    const n = numbers.networks[name];
    if (!n) throw new Error(`models/localization.json has no camVsGradCam record for ${name}: run npm run evaluate`);
    return n;
  });
  return ROWS.map(({ id, read }) => ({
    id,
    label: t(locale, `shapesCompare.row.${id}` as MessageKey),
    cells: networks.map((n) => {
      const cell = read(n);
      if (cell) return cell;
      if (n.cam.exists) throw new Error(`the camVsGradCam record says CAM exists but has no ${id}`);
      return { kind: 'none', text: t(locale, 'shapesCompare.noCam') } as Cell;
    }),
  }));
}
