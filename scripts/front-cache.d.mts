// Types for front-cache.mjs (plain JS: the start scripts run it with node, the benchmark and tests from TypeScript).
export type FrontCacheOptions = {
  /** App instances as host:port, at least one. */
  backends: string[];
  /** Addresses (or address/prefix) besides this machine allowed to purge. */
  purgeFrom?: string[];
  /** What a purge must carry (FRONT_CACHE_SECRET): without it nothing may purge. */
  purgeSecret?: string;
};
export type FrontCache = {
  url: string;
  pid: number | undefined;
  workDir: string;
  vclPath: string;
  output(): string;
  exited: Promise<number | string | null>;
  stop(): Promise<void>;
};
export const VCL_TEMPLATE: string;
export const VARNISHD: string;
export const PURGE_SECRET: RegExp;
export function parseHostPort(text: string): { host: string; port: number };
export function generatedSection(options: FrontCacheOptions): string;
export function frontCacheVcl(options: FrontCacheOptions): string;
export function writeFrontCacheVcl(file: string, options: FrontCacheOptions): string;
export function varnishMissing(): string | null;
export function startFrontCache(
  options: FrontCacheOptions & { listen?: string; workDir?: string; memory?: string; quiet?: boolean; extraParams?: string[] },
): Promise<FrontCache>;
