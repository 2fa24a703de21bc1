import { z } from "zod";

/** At most this many live files in one fleet verification (a fleet's `live/` folder after an Ansible run). */
export const FLEET_VERIFY_MAX_FILES = 500;

/** POST /api/servers/verify: the live files, each with the name it had (what matches it to its server). */
export const fleetVerifyRequestSchema = z.strictObject({
  files: z
    .array(z.strictObject({
      name: z.string().min(1).max(255).describe("The file's name, e.g. web1.example.com.txt (live/<host>.txt) or portcullis-live-<host>-<time>.txt"),
      text: z.string().describe("The file as verify.sh wrote it"),
    }))
    .min(1, "Give at least one live file.")
    .max(FLEET_VERIFY_MAX_FILES, `At most ${FLEET_VERIFY_MAX_FILES} files at once.`),
});
