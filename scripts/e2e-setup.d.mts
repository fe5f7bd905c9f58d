// Types of scripts/e2e-setup.mjs for the TypeScript that imports it (test/e2e/support/tools.ts).
export interface E2eDirs {
  root: string;
  node24: string;
  codeServer: string;
}
export declare const NODE24_VERSION: string;
export declare const CODE_SERVER_VERSION: string;
export declare function cacheRoot(): string;
export declare function e2eDirs(): E2eDirs;
export declare function ensureE2eTools(): E2eDirs;
