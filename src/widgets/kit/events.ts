/** The events a widget's host sends, for page-level tools (the slides, the bench, the tests). Tiny: loaded before any widget. */

/** Sent on the host after every render, once every number of the state is on the page. Does not bubble. */
export const RENDERED_EVENT = 'camlab:rendered';

/** Sent (bubbling) from the host once the widget has drawn its first state; detail: { handle }. */
export const READY_EVENT = 'camlab:widget-ready';

/** Sent on window when the learner switched the backend: tfjs has one per page, so every widget recomputes. */
export const BACKEND_EVENT = 'camlab:backend';
