/**
 * Lets Node run src/lib as Vite does. src/lib/gradient.ts imports tfjs-core's register_all_gradients,
 * an ES module tree whose relative imports have no '.js' endings: Vite resolves them, Node does not.
 * In Node the same gradients come with @tensorflow/tfjs-layers' Node bundle, which registers all of
 * core's gradient functions; so that one import is pointed at tfjs-layers. Import this module first,
 * then the rest of a command dynamically, so the hook is in place before anything else is resolved.
 * Vite also imports JSON (the interface strings) without the `with { type: 'json' }` Node asks for: a
 * command that reaches src/i18n gets that attribute added here.
 */
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (/^@tensorflow\/tfjs-core\/dist\/register_all_gradients(\.js)?$/.test(specifier)) {
      return nextResolve('@tensorflow/tfjs-layers', context);
    }
    if (/^\.{1,2}\/.*\.json$/.test(specifier) && !context.importAttributes.type) {
      const importAttributes = { ...context.importAttributes, type: 'json' };
      return { ...nextResolve(specifier, { ...context, importAttributes }), importAttributes };
    }
    return nextResolve(specifier, context);
  },
});
