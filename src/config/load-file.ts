import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { type ConfigResult, parseConfig } from './schema.ts';

/** The bundled example config (computed lazily: on Workers there is no module directory). */
export function exampleConfigPath(): string {
  return resolve(import.meta.dirname, '../../examples/baton.config.json');
}

/** Which file to load: `BATON_CONFIG`, else ./baton.config.ts, else ./baton.config.json, else the bundled example. */
export function locateConfig(
  env: Record<string, string | undefined>,
  cwd: string,
): { path: string; example: boolean } {
  if (env.BATON_CONFIG) return { path: resolve(cwd, env.BATON_CONFIG), example: false };
  for (const name of ['baton.config.ts', 'baton.config.json']) {
    const path = resolve(cwd, name);
    if (existsSync(path)) return { path, example: false };
  }
  return { path: exampleConfigPath(), example: true };
}

/** Reads and validates a config file (TypeScript default export or JSON). */
export async function loadConfigFile(path: string): Promise<ConfigResult> {
  if (!existsSync(path)) return { ok: false, errors: [`${path}: file not found`] };
  let input: unknown;
  try {
    if (/\.[cm]?ts$/.test(path)) {
      // tsx's own import, not the process's loader: a .ts config in a folder whose package.json is
      // not `"type": "module"` loads as CommonJS, which a plain import() refuses ("require() … in a cycle").
      input = defaultExport(await tsImport(pathToFileURL(path).href, import.meta.url));
    } else if (/\.[cm]?js$/.test(path)) {
      input = defaultExport(await import(pathToFileURL(path).href));
    } else {
      input = JSON.parse(readFileSync(path, 'utf8'));
    }
  } catch (error) {
    return { ok: false, errors: [`${path}: ${(error as Error).message}`] };
  }
  return parseConfig(input);
}

/** A module's default export, also when it was compiled to CommonJS (`{ default: config }`). */
function defaultExport(mod: { default?: unknown }): unknown {
  const value = mod.default;
  if (value && typeof value === 'object' && 'default' in value) {
    const keys = Object.keys(value).filter((key) => key !== '__esModule');
    if (keys.length === 1) return (value as { default: unknown }).default;
  }
  return value;
}
