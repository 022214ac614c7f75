// esbuild bundles the Fluent catalogs (ui/i18n/*.ftl) as text (`--loader:.ftl=text`).
declare module "*.ftl" {
  const source: string;
  export default source;
}
