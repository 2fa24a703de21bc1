import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { needsReopen, sqliteCodeOf } from "./db-errors";
import type { IsolationLevel, SqlDriverAdapter, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";

/** How long a write waits for another process's write lock before the request answers "busy". */
export const BUSY_TIMEOUT_MS = 5000;
// SQLite's own busy wait blocks the worker's event loop, so it only covers short waits; longer
// ones are awaited between attempts, and the worker keeps answering reads meanwhile.
const SQLITE_BUSY_WAIT_MS = 100;
const RETRY_PAUSE_MS = 25;


const isBusy = (error: unknown) => sqliteCodeOf(error)?.startsWith("SQLITE_BUSY") ?? false;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` again while SQLite answers busy, until `deadline` (a Date.now() value). */
async function retryWhileBusy<T>(deadline: number, attempt: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() + RETRY_PAUSE_MS >= deadline) throw error;
      await pause(RETRY_PAUSE_MS);
    }
  }
}

/** A FIFO lock whose waiters give up at a deadline (with SQLite's busy error, as if SQLite had waited). */
class ConnectionLock {
  private tail: Promise<void> = Promise.resolve();

  async acquire(deadline: number): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const before = this.tail;
    this.tail = before.then(() => mine);
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), Math.max(0, deadline - Date.now()))));
    const outcome = await Promise.race([before.then(() => "locked" as const), gaveUp]);
    clearTimeout(timer);
    if (outcome === "timeout") {
      // Our turn still comes; hand it straight on so the queue behind us keeps moving.
      void before.then(release);
      throw Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  }
}

/**
 * The app's SQLite connection: the adapter's queries, with transactions of our own.
 *
 * Every transaction starts with BEGIN IMMEDIATE (the write lock up front, so a transaction that read
 * first cannot fail on upgrading when another worker process committed meanwhile), and every way
 * out of one (BEGIN refused, COMMIT or ROLLBACK failing on a full disk, a read-only file or an I/O
 * error) frees the connection for the next request. The adapter's own startTransaction is not used:
 * it keeps its per-connection lock when BEGIN throws, and the engine skips the release when COMMIT
 * or ROLLBACK throws, which hung every later write of the process (issue 12).
 * A connection that SQLite opened read-only, or that hit an I/O error, is reopened before the next
 * write, so a file made writable again is written without a restart.
 * Only the adapter's public interface is used; lib/sqlite-adapter.test.ts proves these paths.
 */
class ResilientConnection implements SqlDriverAdapter {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  private readonly lock = new ConnectionLock();
  private stale = false;

  constructor(
    private raw: SqlDriverAdapter,
    private readonly open: () => Promise<SqlDriverAdapter>,
  ) {
    this.adapterName = raw.adapterName;
  }

  private readonly note = (error: unknown): never => {
    if (needsReopen(error)) this.stale = true;
    throw error;
  };

  /** Called holding the lock, so no transaction is open on the old connection. */
  private async reopenIfStale(): Promise<void> {
    if (!this.stale) return;
    const old = this.raw;
    this.raw = await this.open();
    this.stale = false;
    try {
      await old.dispose();
    } catch {
      // closing a broken connection may fail too; it is dropped either way
    }
  }

  // Outside a transaction: a write waits for this process's open transaction (it would join it
  // otherwise), and a busy database is retried (an autocommit statement that failed changed nothing).
  async queryRaw(query: SqlQuery) {
    if (/^\s*SELECT\b/i.test(query.sql)) return retryWhileBusy(Date.now() + BUSY_TIMEOUT_MS, async () => this.raw.queryRaw(query)).catch(this.note);
    return this.outside(async () => this.raw.queryRaw(query));
  }

  async executeRaw(query: SqlQuery) {
    return this.outside(async () => this.raw.executeRaw(query));
  }

  executeScript(script: string) {
    return this.raw.executeScript(script);
  }

  dispose() {
    return this.raw.dispose();
  }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    // The adapter refuses any other level before touching the connection.
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") return this.raw.startTransaction(isolationLevel);
    const deadline = Date.now() + BUSY_TIMEOUT_MS;
    const release = await this.lock.acquire(deadline);
    try {
      await this.reopenIfStale();
      await retryWhileBusy(deadline, async () => this.raw.executeScript("BEGIN IMMEDIATE"));
    } catch (error) {
      release();
      return this.note(error);
    }
    return new ResilientTransaction(this.raw, release, this.note);
  }

  private async outside<T>(run: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + BUSY_TIMEOUT_MS;
    const release = await this.lock.acquire(deadline);
    try {
      await this.reopenIfStale();
      return await retryWhileBusy(deadline, run);
    } catch (error) {
      return this.note(error);
    } finally {
      release();
    }
  }
}

/** The engine ends a transaction by sending COMMIT or ROLLBACK, then calling commit() or rollback(). */
class ResilientTransaction implements Transaction {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly options = { usePhantomQuery: false };

  constructor(
    private readonly raw: SqlDriverAdapter,
    private readonly release: () => void,
    private readonly note: (error: unknown) => never,
  ) {
    this.adapterName = raw.adapterName;
  }

  async queryRaw(query: SqlQuery) {
    try {
      return await this.raw.queryRaw(query);
    } catch (error) {
      return this.note(error);
    }
  }

  async executeRaw(query: SqlQuery) {
    const ending = /^\s*(COMMIT|ROLLBACK)\s*;?\s*$/i.exec(query.sql)?.[1]?.toUpperCase();
    if (!ending) {
      try {
        return await this.raw.executeRaw(query);
      } catch (error) {
        return this.note(error);
      }
    }
    try {
      return await this.raw.executeRaw(query);
    } catch (error) {
      // SQLite may have rolled back already (disk full, I/O error) or kept the transaction open
      // (COMMIT refused): end it either way, so the next BEGIN finds a clean connection.
      try {
        await this.raw.executeScript("ROLLBACK"); // throws synchronously when nothing is open
      } catch {
        // already rolled back
      }
      this.release();
      if (ending === "ROLLBACK") return 0;
      return this.note(error);
    }
  }

  commit() {
    this.release();
    return Promise.resolve();
  }

  rollback() {
    this.release();
    return Promise.resolve();
  }
}

type Options = ConstructorParameters<typeof PrismaBetterSQLite3>[0];

/** Adapter factory for PrismaClient: the better-sqlite3 connection wrapped as described above. */
export class ResilientSQLiteAdapter {
  readonly provider = "sqlite" as const;
  readonly adapterName = "@prisma/adapter-better-sqlite3";
  private readonly inner: PrismaBetterSQLite3;

  constructor(options: Options) {
    this.inner = new PrismaBetterSQLite3({ timeout: SQLITE_BUSY_WAIT_MS, ...options });
  }

  async connect(): Promise<SqlDriverAdapter> {
    const open = () => openConnection(this.inner);
    return new ResilientConnection(await open(), open);
  }
}

async function openConnection(inner: PrismaBetterSQLite3): Promise<SqlDriverAdapter> {
  const raw = await inner.connect();
  try {
    await raw.executeScript(`PRAGMA busy_timeout = ${SQLITE_BUSY_WAIT_MS}; PRAGMA foreign_keys = ON;`);
    // Switching to WAL (a no-op once the file is in WAL mode) needs the lock another process may hold.
    await retryWhileBusy(Date.now() + BUSY_TIMEOUT_MS, async () => raw.executeScript("PRAGMA journal_mode = WAL"));
  } catch (error) {
    await raw.dispose();
    throw error;
  }
  return raw;
}
