// Build-time constants vite.config.ts defines.
interface ImportMetaEnv {
  /** The build a tab runs: VIGIL_BUILD at build time, else the version and the build's minute. */
  readonly VIGIL_BUILD: string;
}
