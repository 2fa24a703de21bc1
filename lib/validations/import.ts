/**
 * The profile format's maximum on the wire, and so the largest request body the app accepts
 * anywhere: an import file (one profile at the format's maximum, 200,000 blocked entries, exports
 * as about 15 MB; or a thousand ordinary profiles) and a matrix save. Anything larger is refused
 * unread (413). next.config.ts derives the proxy's and the server actions' limits from it.
 */
export const IMPORT_LIMIT_BYTES = 16 * 1024 * 1024;
export const IMPORT_LIMIT_LABEL = "16 MiB";

/**
 * What a request carrying such a file may take in all: the multipart envelope of the import form
 * (boundaries, the action's own fields) or JSON framing adds a little to the file itself.
 */
export const REQUEST_BODY_LIMIT_BYTES = IMPORT_LIMIT_BYTES + 1024 * 1024;
