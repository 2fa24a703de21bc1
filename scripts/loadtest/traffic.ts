/**
 * One route's share of the mixed traffic: an autocannon instance with its own connections,
 * recording every response's status and latency so each route gets its own percentiles.
 */
import autocannon from "autocannon";
import { percentile } from "../bench/lib/figures";

export type RouteSpec = {
  name: string;
  connections: number;
  /** Builds each request's path when autocannon sends it. */
  next: () => { path: string };
};

export type RouteResult = {
  name: string;
  connections: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
  errors: number;
};

export function runRoute(base: string, cookie: string, spec: RouteSpec, seconds: number): Promise<RouteResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: spec.connections,
        duration: seconds,
        headers: { cookie },
        requests: [
          {
            setupRequest: (req) => {
              const r = spec.next();
              return { ...req, path: r.path };
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const elapsed = (new Date(result.finish).getTime() - new Date(result.start).getTime()) / 1000;
        resolve({
          name: spec.name, connections: spec.connections, requests: latencies.length, perSecond: latencies.length / elapsed,
          p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99),
          statuses, errors: result.errors + result.timeouts,
        });
      },
    );
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
}

export type LoopSpec = {
  name: string;
  connections: number;
  /** One request: returns its status; loops run until the time is up, then all finish. */
  send: () => Promise<number>;
};

/**
 * Closed-loop clients without autocannon, for the writes: every request that was sent is awaited
 * and counted, including those still running when the time is up, so the tally of successful
 * saves is exact and can be compared with the database afterwards.
 */
export async function runLoop(spec: LoopSpec, seconds: number): Promise<RouteResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const started = Date.now();
  const deadline = started + seconds * 1000;
  const client = async () => {
    while (Date.now() < deadline) {
      const t = performance.now();
      try {
        const status = await spec.send();
        statuses[status] = (statuses[status] ?? 0) + 1;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, client));
  const elapsed = (Date.now() - started) / 1000;
  return {
    name: spec.name, connections: spec.connections, requests: latencies.length, perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), statuses, errors,
  };
}
