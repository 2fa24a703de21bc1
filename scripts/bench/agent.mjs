// Load agent run inside a namespace by the per-packet benchmark (plain JS: no tsx start-up).
//   listen '{"port":443}'   accept TCP connections (dual-stack) and echo what they send, until killed
//   connect '{"dst":"10.77.0.1","port":443,"durationMs":2000,"warmupMs":300,"concurrency":1}'
//     connect, and as soon as the handshake completes, reset (no TIME_WAIT on either side), again
//     and again; prints {connects, errors, elapsedMs, medianUs, p95Us}.
//   rr '{"dst":"10.77.0.1","port":443,"durationMs":2000,"warmupMs":300}'
//     one connection, kept open: send one byte, wait for the echo, again and again (request/response
//     on an established flow: what most packets of a server are); prints {roundTrips, elapsedMs,
//     medianUs, p95Us}.
import net from "node:net";

const [mode, json] = process.argv.slice(2);
const spec = JSON.parse(json ?? "{}");

function listen() {
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    socket.on("data", (data) => socket.write(data));
    socket.on("error", () => {});
  });
  server.listen({ port: spec.port, host: "::", ipv6Only: false, backlog: 4096 }, () => process.stdout.write("ready\n"));
}

function connectOnce(dst, port) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const socket = net.connect({ host: dst, port, noDelay: true });
    socket.once("connect", () => {
      const us = Number(process.hrtime.bigint() - started) / 1000;
      socket.resetAndDestroy();
      resolve(us);
    });
    socket.once("error", () => resolve(-1));
  });
}

async function connectLoop() {
  const latencies = [];
  let errors = 0;
  const warmEnd = Date.now() + (spec.warmupMs ?? 300);
  let measuring = false;
  let measureStart = 0n;
  const end = warmEnd + spec.durationMs;
  async function worker() {
    while (Date.now() < end) {
      const us = await connectOnce(spec.dst, spec.port);
      if (!measuring && Date.now() >= warmEnd) {
        measuring = true;
        measureStart = process.hrtime.bigint();
      }
      if (!measuring) continue;
      if (us < 0) errors += 1;
      else latencies.push(us);
    }
  }
  await Promise.all(Array.from({ length: spec.concurrency ?? 1 }, worker));
  const elapsedMs = Number(process.hrtime.bigint() - measureStart) / 1e6;
  latencies.sort((a, b) => a - b);
  const at = (p) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? 0;
  process.stdout.write(JSON.stringify({ connects: latencies.length, errors, elapsedMs, medianUs: at(0.5), p95Us: at(0.95) }));
}

function roundTrips() {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: spec.dst, port: spec.port, noDelay: true });
    const latencies = [];
    const byte = Buffer.from("x");
    const warmEnd = Date.now() + (spec.warmupMs ?? 300);
    const end = warmEnd + spec.durationMs;
    let sent = 0n;
    let measureStart = 0n;
    const send = () => {
      sent = process.hrtime.bigint();
      socket.write(byte);
    };
    socket.once("connect", send);
    socket.on("error", reject);
    socket.on("data", () => {
      const now = process.hrtime.bigint();
      if (Date.now() >= warmEnd) {
        if (measureStart === 0n) measureStart = sent;
        latencies.push(Number(now - sent) / 1000);
      }
      if (Date.now() < end) return send();
      socket.destroy();
      latencies.sort((a, b) => a - b);
      const at = (p) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? 0;
      resolve({ roundTrips: latencies.length, elapsedMs: Number(now - measureStart) / 1e6, medianUs: at(0.5), p95Us: at(0.95) });
    });
  });
}

if (mode === "listen") listen();
else if (mode === "rr") roundTrips().then((r) => process.stdout.write(JSON.stringify(r)), (e) => { process.stderr.write(String(e)); process.exit(1); });
else if (mode === "connect") connectLoop().catch((e) => { process.stderr.write(String(e)); process.exit(1); });
else { process.stderr.write(`unknown mode ${mode}\n`); process.exit(2); }
