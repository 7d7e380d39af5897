/**
 * The widgets the bench drives: a page, the widget's tag, and the inputs an edit types into.
 * Each widget dispatches 'camlab:rendered' on its host once every number of an edit is on screen.
 */
export interface BenchedWidget {
  name: string;
  path: string;
  tag: string;
  /** The controls an edit uses, relative to the widget's host. */
  cells: string;
  /** How an edit uses them: type a number (the default), check a radio, move a slider, or click a button. */
  edit?: 'type' | 'check' | 'slide' | 'click';
}

export const benchedWidgets: BenchedWidget[] = [
  { name: 'class scores (lesson 4)', path: '/lessons/04-class-scores/', tag: 'cam-class-scores', cells: 'table.fmap input' },
  // Lessons 1 and 2: the cells are the pixels of the toy image (values clamped to 0..1); an edit runs conv2d, then the derive.
  { name: 'toy network CAM (lesson 1)', path: '/lessons/01-why-explain/', tag: 'cam-toy-cam', cells: 'table.fmap input' },
  { name: 'filters and flattening (lesson 2)', path: '/lessons/02-filters-and-feature-maps/', tag: 'cam-filters', cells: 'table.fmap input' },
  { name: 'GAP and GMP (lesson 3)', path: '/lessons/03-global-average-pooling/', tag: 'cam-gap', cells: 'table.fmap input' },
  // Lesson 5: an edit also upsamples M_c to 80 x 80, thresholds, boxes and draws two canvases before 'camlab:rendered'.
  { name: 'class activation map (lesson 5)', path: '/lessons/05-class-activation-map/', tag: 'cam-cam', cells: 'table.fmap input' },
  { name: 'CAM limits (lesson 6)', path: '/lessons/06-cam-limits/', tag: 'cam-limits', cells: 'input[data-k][data-i][data-j]' },
  { name: 'Grad-CAM (lesson 7)', path: '/lessons/07-grad-cam/', tag: 'cam-grad-cam', cells: 'input[data-k][data-i][data-j]' },
  { name: 'derivation (lesson 8)', path: '/lessons/08-cam-is-grad-cam/', tag: 'cam-derivation', cells: 'input[data-k][data-i][data-j]' },
  { name: 'CAM vs Grad-CAM (lesson 9)', path: '/lessons/09-cam-vs-grad-cam/', tag: 'cam-vs-grad-cam', cells: 'input[data-k][data-i][data-j]' },
  // The trained network (K = 64 maps of 16 x 16): picking a class re-derives everything from the maps; a new
  // image also runs the network's conv layers on it first; a threshold relocalizes the map.
  { name: 'trained CAM: class (lesson 1)', path: '/lessons/01-why-explain/', tag: 'cam-shapes', cells: 'input[data-class-radio]', edit: 'check' },
  { name: 'trained CAM: image (lesson 1)', path: '/lessons/01-why-explain/', tag: 'cam-shapes', cells: 'button[data-action=next]', edit: 'click' },
  { name: 'trained CAM: threshold (lesson 5)', path: '/lessons/05-class-activation-map/', tag: 'cam-shapes-box', cells: 'input[data-threshold]', edit: 'slide' },
];
