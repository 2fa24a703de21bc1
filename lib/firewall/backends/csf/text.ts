import { commentText } from "../shared/rules";

/**
 * Comment text for CSF: the label alphabet (a comment follows ` # ` on its entry line or has a line
 * of its own, so `; & '` are never read), but its list parser ignores any line containing the word
 * "Include".
 */
export function csfSafe(text: string, max = 100): string {
  return commentText(text, max).replace(/include/gi, "incl.");
}
