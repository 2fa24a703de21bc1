// Test agent run inside a network namespace: `listen` opens TCP/UDP listeners (dual-stack) and
// holds every accepted connection until killed; `probe` runs many connects in parallel; `burst`
// runs sequential connects; `hold` opens connections one by one and keeps them open. A TCP probe
// with `srcPort` connects from that local port (e.g. 20, as an active-mode FTP data connection).
import dgram from "node:dgram";
import net from "node:net";

const [mode, json] = process.argv.slice(2);
const spec = JSON.parse(json ?? "{}");

function tcpConnect(src, dst, port, timeoutMs, keep, srcPort) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: dst, port, localAddress: src || undefined, localPort: srcPort });
    const done = (result) => {
      clearTimeout(timer);
      if (!(keep && result === "open")) socket.destroy();
      resolve({ result, socket });
    };
    const timer = setTimeout(() => done("timeout"), timeoutMs);
    socket.once("connect", () => done("open"));
    socket.once("error", (e) => done(e.code ?? "error"));
  });
}

function udpProbe(src, dst, port, timeoutMs) {
  return new Promise((resolve) => {
    const socket = dgram.createSocket(dst.includes(":") ? "udp6" : "udp4");
    const done = (result) => {
      clearTimeout(timer);
      socket.close();
      resolve({ result });
    };
    const timer = setTimeout(() => done("timeout"), timeoutMs);
    socket.once("message", () => done("open"));
    socket.once("error", (e) => done(e.code ?? "error"));
    socket.bind({ address: src || undefined, port: 0 }, () => {
      socket.connect(port, dst, () => socket.send("ping"));
    });
  });
}

async function main() {
  if (mode === "listen") {
    const held = [];
    for (const port of spec.tcp ?? []) {
      const server = net.createServer((s) => { held.push(s); s.on("error", () => {}); });
      await new Promise((ok) => server.listen({ port, host: "::", ipv6Only: false }, ok));
    }
    for (const port of spec.udp ?? []) {
      const socket = dgram.createSocket({ type: "udp6", ipv6Only: false });
      socket.on("message", (msg, rinfo) => socket.send("pong", rinfo.port, rinfo.address));
      await new Promise((ok) => socket.bind(port, "::", ok));
    }
    process.stdout.write("ready\n");
    return;
  }
  if (mode === "probe") {
    const results = await Promise.all(
      spec.probes.map(async (p) => {
        const r = p.proto === "udp" ? await udpProbe(p.src, p.dst, p.port, spec.timeoutMs) : await tcpConnect(p.src, p.dst, p.port, spec.timeoutMs, false, p.srcPort);
        return { id: p.id, result: r.result };
      }),
    );
    process.stdout.write(JSON.stringify(results));
    return;
  }
  if (mode === "burst" || mode === "hold") {
    const results = [];
    for (let i = 0; i < spec.count; i++) {
      const r = await tcpConnect(spec.src, spec.dst, spec.port, spec.timeoutMs, mode === "hold");
      results.push(r.result);
    }
    process.stdout.write(JSON.stringify(results));
    process.exit(0);
  }
}

main().catch((e) => {
  process.stderr.write(String(e));
  process.exit(1);
});
