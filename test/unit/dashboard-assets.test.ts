import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ASSETS_FILE, uplotAssets } from '../../scripts/bundle-dashboard-assets.ts';

describe('dashboard assets', () => {
  it('serve the installed uPlot: the bundled copy is regenerated whenever the package changes', () => {
    const bundled = JSON.parse(readFileSync(ASSETS_FILE, 'utf8')) as ReturnType<typeof uplotAssets>;
    const installed = uplotAssets();
    expect(bundled.version).toBe(installed.version);
    expect(bundled.js === installed.js && bundled.css === installed.css).toBe(true);
  });
});
