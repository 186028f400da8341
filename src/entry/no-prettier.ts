/**
 * Stands in for `prettier` in the Worker bundle (see wrangler.toml [alias]): React Email imports it
 * only to pretty-print HTML (`render(…, { pretty: true })`), which Baton never asks for. Leaving it
 * out keeps about 260 KiB of minified code out of the bundle.
 */
export function format(): never {
  throw new Error('prettier is not bundled in the Worker: render without { pretty: true }');
}

export default { format };
