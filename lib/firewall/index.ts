/**
 * The firewall core's public surface for the pages, route handlers and the CLI. Framework-free:
 * it runs unchanged in the browser (live warnings) and on the server (downloads).
 */
export * from "./address";
export { BACKEND_FACTS, backendLabel } from "./backends/facts";
export * from "./os";
export * from "./catalog";
export * from "./policy/schema";
export * from "./policy/defaults";
export * from "./policy/document";
export * from "./policy/resolve";
export * from "./warnings";
