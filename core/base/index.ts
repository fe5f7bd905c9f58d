// Foundations every stage shares: located errors, seeded random streams, exact decimals.
export { formatLocation, messageOf, SpecMintError, stackOf, type SpecMintErrorKind, type SourceLocation } from "./errors";
