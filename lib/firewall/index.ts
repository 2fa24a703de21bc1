/**
 * The firewall core's public surface for the pages, route handlers and the CLI. Framework-free:
 * it runs unchanged in the browser (live warnings) and on the server (downloads).
 */
export * from "./address";
export { BACKEND_FACTS, backendLabel } from "./backends/facts";
export * from "./catalog";
export * from "./policy/schema";
export { formatPorts } from "./policy/ports";
export { OS_TABLE, osFamily, osLabel, PANEL_TABLE, panelLabel, type OsFacts, type OsFamily } from "./policy/os";
export { isValidHostname } from "./policy/server";
export * from "./policy/defaults";
export * from "./policy/document";
export * from "./policy/resolve";
export * from "./warnings";
