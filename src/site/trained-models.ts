/**
 * An Astro integration that puts the trained models (models/<name>/model.json and the weight files its
 * manifest names) on the site at <base>models/<name>/: served from the folder by the dev server, copied
 * into the build. Only those files go out: model cards, training records and samples stay in the repository.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** The files of one model that the browser loads: model.json first, then its weight files. */
export function modelFiles(folder: string): string[] {
  const json = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8')) as { weightsManifest?: { paths: string[] }[] };
  const weights = (json.weightsManifest ?? []).flatMap((group) => group.paths);
  if (weights.some((p) => !/^[\w.-]+$/.test(p))) throw new Error(`${folder}/model.json names a weight file outside its folder`);
  return ['model.json', ...weights];
}

/** Every folder under `dir` that holds a model.json, by name. */
export function modelFolders(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'model.json')))
    .map((entry) => entry.name)
    .sort();
}

export function trainedModels(options: { dir: string }): AstroIntegration {
  const dir = options.dir;
  return {
    name: 'cam-lab:trained-models',
    hooks: {
      'astro:config:setup': ({ updateConfig, config }) => {
        const prefix = `${config.base.replace(/\/$/, '')}/models/`;
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'cam-lab:serve-models',
                configureServer(server) {
                  server.middlewares.use((req, res, next) => {
                    const path = (req.url ?? '').split('?')[0];
                    if (!path.startsWith(prefix)) return next();
                    const [name, file, ...rest] = path.slice(prefix.length).split('/');
                    if (rest.length || !modelFolders(dir).includes(name) || !modelFiles(join(dir, name)).includes(file)) return next();
                    res.setHeader('Content-Type', file.endsWith('.json') ? 'application/json' : 'application/octet-stream');
                    res.end(readFileSync(join(dir, name, file)));
                  });
                },
              },
            ],
          },
        });
      },
      'astro:build:done': ({ dir: out }) => {
        const target = fileURLToPath(new URL('models/', out));
        for (const name of modelFolders(dir)) {
          mkdirSync(join(target, name), { recursive: true });
          for (const file of modelFiles(join(dir, name))) copyFileSync(join(dir, name, file), join(target, name, file));
        }
      },
    },
  };
}
