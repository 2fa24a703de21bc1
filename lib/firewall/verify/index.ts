/** Verify and drift: read verify.sh's live file and compare it with a revision (docs/backends.md "Verify"). */
export { parseLiveFile, LIVE_FORMAT_LINE, MAX_LIVE_BYTES, type LiveFile, type LiveParse } from "./live-file";
export { verifyLive, verifyAgainstRevisions, ruleDistance, LiveInputError, type VerifyResult, type RevisionVerdict } from "./compare";
export { type Drift, type DriftKind } from "./diff";
export { formatVerdict } from "./format";
export { matchLiveFiles, hostOfFileName, type LiveMatch, type LiveUpload, type MatchServer } from "./match";
