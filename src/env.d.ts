/// <reference types="astro/client" />

// Plain `tsc` does not know .astro files (astro check does); TypeScript modules that import components need this.
declare module '*.astro' {
  const Component: (props: Record<string, unknown>) => unknown;
  export default Component;
}
