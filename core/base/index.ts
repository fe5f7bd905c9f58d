// Foundations every stage shares: located errors, seeded random streams, exact decimals.
export { formatLocation, SpecMintError, type SpecMintErrorKind, type SourceLocation } from "./errors";
