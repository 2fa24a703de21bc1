import { safeText } from "../shared/rules";

/** Comment-safe text for CSF: its list parser ignores any line containing the word "Include". */
export function csfSafe(text: string, max = 100): string {
  return safeText(text, max).replace(/include/gi, "incl.");
}
