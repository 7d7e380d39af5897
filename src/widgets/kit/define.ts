/**
 * The widget contract. A widget declares its state (the fields of its link), its defaults, what it computes
 * from the state, and its view; the kit (mount.ts) owns everything else: the link, refusing a hostile link,
 * problems and errors, the backend and colour-map switches, reset, linked symbols, the render announcement
 * and the presenter's second window. As an Observable Plot mark declares its channels and leaves the life
 * cycle to the plot, a widget here never reads the URL, never times itself and never talks to another window.
 */
import type { Locale, Messages } from '../../i18n/index.ts';
import type { Schema, StateOf } from '../../state/url-state.ts';
import type { ColourMapName } from '../../state/colour-maps.ts';
import type { Problems } from '../number-input.ts';

export type { StateOf };

/** What the kit hands a widget's view. */
export interface Kit<State, Context> {
  readonly host: HTMLElement;
  readonly locale: Locale;
  readonly m: Messages;
  /** What the definition's setup() loaded (a trained network), or undefined. */
  readonly context: Context;
  /** The widget's message area: one message per key, the newest shown and announced. */
  readonly problems: Problems;
  /** The newest state, also before it has been computed. */
  readonly state: Readonly<State>;
  /** The learner's colour map for sequential values. */
  cmap(): ColourMapName;
  /** True when the first state came from the page's link (a shared example), not the defaults. */
  readonly fromLink: boolean;
  /** The address of this page with the widget in the current state changed by `patch`: a link to share. */
  href(patch: Partial<State>): string;
  /**
   * A learner's edit: new values for some fields. The kit recomputes what depends on them, redraws, writes
   * the link and tells the other window. `push` adds a history entry (Back returns to the state before).
   */
  set(patch: Partial<State>, options?: { push?: boolean }): void;
}

/**
 * Steps a widget offers to the deck's keys (lesson 8's derivation, one line per step). On the slide holding
 * the widget, once the slide's own reveals are shown, → and Space call step(1) and ← calls step(-1) before the
 * deck moves; the deck turns the slide only when step returns false (no step left that way). A step is an
 * ordinary edit of the widget's state, so the link and the presenter's window follow it.
 */
export interface WidgetSteps {
  step(direction: 1 | -1): boolean;
}

/** A widget's own view: its parts, placed under the kit's bar, and how to draw a computed state. */
export interface View<State, Result> {
  parts: (Node | string)[];
  /** Steps the deck's keys take through the widget; most widgets have none. */
  steps?: WidgetSteps;
  /**
   * Draws a state and its result. Every control shows the state's value afterwards (a reset, a link or the
   * other window may have changed it), except a field holding text the learner is still typing.
   */
  render(result: Result, state: State): void;
}

export interface WidgetDefinition<S extends Schema, Result, Context = undefined> {
  /** The fields of the widget's link: `?<tag>=field:value;...` (see src/state/url-state.ts). */
  schema: S;
  /** Loads what the widget needs before its first state (a model file); a failure is the widget's error. */
  setup?: (env: { locale: Locale; m: Messages; status(text: string): void }) => Promise<Context>;
  defaults: (context: Context) => StateOf<S>;
  /** What a decoded link must also satisfy (sizes that agree, an index in range): a reason, or null. */
  check?: (state: StateOf<S>, context: Context) => string | null;
  /** Everything that derives from the state, computed in one go (one tf.tidy, one read-back). */
  compute: (state: StateOf<S>, context: Context) => Promise<Result>;
  /** The fields compute reads: an edit of any other field redraws from the last result. */
  computeFrom: readonly string[];
  build: (kit: Kit<StateOf<S>, Context>) => View<StateOf<S>, Result>;
}

/** Checks a definition's types; the kit does the rest. */
export function defineWidget<S extends Schema, Result, Context = undefined>(definition: WidgetDefinition<S, Result, Context>): WidgetDefinition<S, Result, Context> {
  return definition;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyWidget = WidgetDefinition<any, any, any>;
