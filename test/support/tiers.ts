// Test tiers (CONTRACT.md): locally a real-client test whose tool is missing is skipped with a
// reason; under CI (CI=true or SPECMINT_REQUIRE_E2E=1) the same absence is a failure.
export function requireRealTools(): boolean {
  return process.env.CI === "true" || process.env.CI === "1" || process.env.SPECMINT_REQUIRE_E2E === "1";
}
