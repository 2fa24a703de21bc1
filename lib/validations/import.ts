/**
 * An import file: one profile at the format's maximum (200,000 blocked entries, exported: about
 * 15 MB) or a thousand ordinary ones fit; anything larger is refused unread (413).
 * next.config.ts lets server actions take this much too (the import form uploads through one).
 */
export const IMPORT_LIMIT_BYTES = 16 * 1024 * 1024;
export const IMPORT_LIMIT_LABEL = "16 MB";
