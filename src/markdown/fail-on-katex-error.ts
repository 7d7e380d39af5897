import type { VFile } from 'vfile';

/**
 * rehype-katex reports a formula it cannot parse as a warning and renders a red error node.
 * We want a broken formula to stop the build instead, naming the file and the line.
 */
export function rehypeFailOnKatexError() {
  return (_tree: unknown, file: VFile) => {
    const failure = file.messages.find((m) => m.source === 'rehype-katex');
    if (failure) {
      const where = `${file.path ?? 'a lesson'}${failure.line ? `:${failure.line}:${failure.column ?? 0}` : ''}`;
      const detail = failure.cause instanceof Error ? failure.cause.message : failure.reason;
      throw new Error(`KaTeX could not render a formula in ${where}: ${detail}`);
    }
  };
}
