/**
 * The "Import from a firewall" form: what to read (kind, files) and the server it becomes
 * (name, OS, panel, target firewall). The same schema checks the review step and the create step.
 */
import { z } from "zod";
import { backendLabel } from "@/lib/firewall/backends/facts";
import { BACKENDS, osSchema, panelSchema, serverSchema } from "@/lib/firewall/policy/schema";
import { IMPORT_LIMIT_BYTES, IMPORT_LIMIT_LABEL } from "./import";

export const FIREWALL_IMPORT_FIELDS = ["kind", "name", "os", "panel", "target"] as const;

/** More files than a firewall's folder holds is a mistake (a whole /etc, say). */
export const MAX_UPLOAD_FILES = 200;

/** What an uploaded archive may unpack to: the largest single file an import reads. */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

export const KIND_OPTIONS = BACKENDS.map((value) => ({ value, label: backendLabel(value) }));

export const firewallImportSchema = z.object({
  kind: z.enum(BACKENDS, { error: "Choose the firewall the files come from." }),
  name: serverSchema.shape.name,
  os: osSchema,
  panel: panelSchema,
  /** Empty: the firewall recommended for the OS. */
  target: z.union([z.literal(""), z.enum(BACKENDS)]).transform((v) => (v === "" ? undefined : v)),
  files: z
    .array(z.instanceof(File))
    // An empty file input still posts one empty part (named "blob" by some parsers): empty files carry nothing.
    .transform((files) => files.filter((f) => f.size > 0))
    .pipe(z.array(z.instanceof(File)).min(1, "Choose the firewall's files, or one .tar.gz of its folder.").max(MAX_UPLOAD_FILES, `At most ${MAX_UPLOAD_FILES} files at once; upload one .tar.gz of the folder instead.`))
    .refine((files) => files.reduce((n, f) => n + f.size, 0) <= IMPORT_LIMIT_BYTES, `The files are larger than ${IMPORT_LIMIT_LABEL} in all.`),
});

export type FirewallImportInput = z.infer<typeof firewallImportSchema>;

/** A review's fingerprint, posted back with "Create server": 64 hex digits. */
const NO_REVIEW = "The review is missing; review the import again.";
export const digestSchema = z.string({ error: NO_REVIEW }).regex(/^[0-9a-f]{64}$/, NO_REVIEW);
