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
];
