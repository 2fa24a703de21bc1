// Preloaded into every server process (`node --import`, set up by npm start and the e2e server):
// records each request's socket address in the x-portcullis-socket-address header, replacing any
// value a client sent. Next.js gives route handlers no socket, and keeps a client's own
// X-Forwarded-For, so without this the sign-in limits could not tell a client's real address when
// no reverse proxy is in front (PORTCULLIS_PROXY_HOPS=0, the default). Uses Node's documented
// diagnostics channel for incoming requests, which runs before the request reaches Next.js.
import diagnosticsChannel from "node:diagnostics_channel";

export const SOCKET_ADDRESS_HEADER = "x-portcullis-socket-address";

diagnosticsChannel.subscribe("http.server.request.start", (message) => {
  const { request, socket } = /** @type {{ request: import("node:http").IncomingMessage, socket: import("node:net").Socket }} */ (message);
  request.headers[SOCKET_ADDRESS_HEADER] = socket.remoteAddress ?? "unknown";
});
// Tells the app the header can be trusted (lib/auth/throttle.ts).
globalThis[Symbol.for("portcullis.socketAddress")] = true;
