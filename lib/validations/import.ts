/** An import file: a thousand full profiles fit; anything larger is refused unread (413). */
export const IMPORT_LIMIT_BYTES = 5 * 1024 * 1024;
export const IMPORT_LIMIT_LABEL = "5 MB";
