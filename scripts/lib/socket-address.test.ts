import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, expect, test } from "vitest";
import { SOCKET_ADDRESS_HEADER } from "./socket-address.mjs";

const server = http.createServer((req, res) => {
  res.end(JSON.stringify({ socket: req.headers[SOCKET_ADDRESS_HEADER], forwarded: req.headers["x-forwarded-for"] ?? null }));
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function get(headers: Record<string, string>): Promise<unknown> {
  const { port } = server.address() as AddressInfo;
  return (await fetch(`http://127.0.0.1:${port}/`, { headers })).json();
}

test("each request carries its socket address, whatever the client claims", async () => {
  expect(await get({})).toEqual({ socket: "127.0.0.1", forwarded: null });
  expect(await get({ [SOCKET_ADDRESS_HEADER]: "203.0.113.66", "x-forwarded-for": "198.51.100.1" })).toEqual({ socket: "127.0.0.1", forwarded: "198.51.100.1" });
  expect((globalThis as Record<symbol, unknown>)[Symbol.for("portcullis.socketAddress")]).toBe(true);
});
