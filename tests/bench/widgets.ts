/**
 * The widgets the bench drives: a page, the widget's tag, and the inputs an edit types into.
 * Each widget dispatches 'camlab:rendered' on its host once every number of an edit is on screen.
 */
export interface BenchedWidget {
  name: string;
  path: string;
  tag: string;
  /** Text inputs to edit, relative to the widget's host. */
  cells: string;
}

export const benchedWidgets: BenchedWidget[] = [
  { name: 'class scores (lesson 4)', path: '/lessons/04-class-scores/', tag: 'cam-class-scores', cells: 'table.fmap input' },
  { name: 'CAM limits (lesson 6)', path: '/lessons/06-cam-limits/', tag: 'cam-limits', cells: 'input[data-k][data-i][data-j]' },
  { name: 'Grad-CAM (lesson 7)', path: '/lessons/07-grad-cam/', tag: 'cam-grad-cam', cells: 'input[data-k][data-i][data-j]' },
  { name: 'derivation (lesson 8)', path: '/lessons/08-cam-is-grad-cam/', tag: 'cam-derivation', cells: 'input[data-k][data-i][data-j]' },
  { name: 'CAM vs Grad-CAM (lesson 9)', path: '/lessons/09-cam-vs-grad-cam/', tag: 'cam-vs-grad-cam', cells: 'input[data-k][data-i][data-j]' },
];
