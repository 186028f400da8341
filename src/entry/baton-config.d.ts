// The config bundled into the Worker at build time: wrangler.toml's [alias] points it at a JSON file.
declare module 'baton-config' {
  const config: unknown;
  export default config;
}
