// Types for the parts of lib.mjs (plain JS: the start and test scripts run it with node) the TypeScript benchmarks use.
export function buildIsCurrent(distDir: string): boolean;
export function buildApp(distDir: string, environment?: NodeJS.ProcessEnv, options?: { quiet?: boolean }): Promise<void>;
