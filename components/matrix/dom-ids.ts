/** The DOM id of a field's input, from its error key (`custom:c3:ports` → `custom-c3-ports`). */
export function fieldDomId(key: string): string {
  return key.replace(/[^A-Za-z0-9_-]/g, "-");
}
