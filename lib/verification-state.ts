/** A server's last verification in one word, for the server list and page (no database access). */
export type VerificationState = "in-sync" | "drift" | "stale" | "never";

export const VERIFICATION_LABELS: Record<VerificationState, string> = {
  "in-sync": "In sync",
  drift: "Drifted",
  stale: "Not verified since last save",
  never: "Not verified",
};

/** Stale when the profile was saved after the verification (its version moved on). */
export function verificationState(row: { version: number; verifiedVersion: number | null; verifyVerdict: string | null }): VerificationState {
  if (row.verifiedVersion === null || row.verifyVerdict === null) return "never";
  if (row.verifiedVersion !== row.version) return "stale";
  return row.verifyVerdict === "in-sync" ? "in-sync" : "drift";
}
