// Types of scripts/build.mjs for the TypeScript that imports it (test/build/bundles.test.ts).
import type { BuildOptions } from "esbuild";

export declare const BUNDLES: Record<"cli" | "cliWorker" | "core" | "server" | "extension" | "locales", BuildOptions>;
export declare function buildOptions(bundle: BuildOptions, flags?: { production?: boolean }): BuildOptions;
