import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'astro';

export const root = fileURLToPath(new URL('../../', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Builds the site as it ships (static files in dist/) and serves it on a free local port. */
export async function buildAndServe(options: { build?: boolean } = {}): Promise<{ url: string; stop: () => Promise<void>; buildMs: number }> {
  let buildMs = 0;
  if (options.build !== false) {
    const started = performance.now();
    await build({ root, logLevel: 'error' });
    buildMs = performance.now() - started;
  }
  const port = await freePort();
  const server = await preview({ root, logLevel: 'error', server: { host: '127.0.0.1', port } });
  return { url: `http://127.0.0.1:${port}`, stop: () => server.stop(), buildMs };
}
