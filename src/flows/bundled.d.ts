// wrangler.toml bundles flows/*.yaml as text modules (rules: type "Text") for the Worker.
declare module '*.yaml' {
  const text: string
  export default text
}
