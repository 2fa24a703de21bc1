// One server process: Next's request handler behind our own HTTP server (`node scripts/worker.mjs
// start -p 3000 [-H host]`, `next start`'s arguments), run by scripts/serve.mjs. Ours because it adds
// what `next start` lacks:
// - a request timeout: a request still unanswered after PORTCULLIS_REQUEST_TIMEOUT seconds
//   (default 120) gets a 503 and the connection is closed, so no client waits forever;
// - a private probe port on 127.0.0.1 (told to the supervisor over IPC), so the supervisor can
//   ask this very process for GET /api/health and replace it when it stops answering.
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const next = require("next");
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function option(flags, fallback) {
  const argv = process.argv.slice(2);
  const at = argv.findIndex((a) => flags.includes(a));
  return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1] : fallback;
}

function requestTimeoutMs() {
  const raw = process.env.PORTCULLIS_REQUEST_TIMEOUT ?? "";
  if (raw === "") return 120_000;
  if (!/^\d{1,4}$/.test(raw) || Number(raw) < 5) {
    console.error(`PORTCULLIS_REQUEST_TIMEOUT must be a whole number of seconds from 5 to 9999, not "${raw}".`);
    process.exit(2);
  }
  return Number(raw) * 1000;
}

const port = Number(option(["-p", "--port"], process.env.PORT ?? "3000"));
const hostname = option(["-H", "--hostname"], undefined);
const timeoutMs = requestTimeoutMs();

const app = next({ dev: false, dir: ROOT, port, hostname: hostname ?? "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

function onRequest(req, res) {
  const timer = setTimeout(() => {
    console.error(`Portcullis: ${req.method} ${req.url?.split("?")[0]} took more than ${timeoutMs / 1000} s; answered 503.`);
    if (res.headersSent) return void res.destroy();
    res.writeHead(503, { "Content-Type": "application/json", "Cache-Control": "no-store", Connection: "close", "Retry-After": "5" });
    res.end(JSON.stringify({ error: "timeout", message: "The server took too long to answer. Try again in a moment." }));
  }, timeoutMs);
  timer.unref();
  res.on("close", () => clearTimeout(timer));
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500).end();
  });
}

/**
 * Idle keep-alive connections stay open 65 s (Node's default is 5 s). A client or reverse proxy that
 * reuses a connection just as the server closes it gets a reset instead of an answer; keeping the
 * server's idle time above the usual proxy (nginx: 60 s) and client pools' makes that race rare.
 */
function serve(server) {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

serve(http.createServer(onRequest)).listen(port, hostname, () => {
  if (!process.send) console.log(`Portcullis is listening on http://${hostname ?? "localhost"}:${port}`);
});

if (process.send) {
  // exclusive: this listener is not shared with the other workers, unlike the public port.
  const probe = serve(http.createServer(onRequest));
  probe.listen({ port: 0, host: "127.0.0.1", exclusive: true }, () => {
    process.send({ type: "portcullis:probe", port: probe.address().port });
  });
}
