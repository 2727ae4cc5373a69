// PGlite is one connection. kysely-pglite hands that same connection to every
// caller at once, so two concurrent Kysely transactions would interleave their
// statements inside one another's BEGIN … COMMIT — no isolation at all. This
// wrapper makes acquireConnection wait until the previous holder released it,
// which turns PGlite into a pool of one: transactions run one after another.
import type { DatabaseConnection, Dialect, Driver, TransactionSettings } from 'kysely';

export function serializedDialect(inner: Dialect): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createDriver: () => new SerializedDriver(inner.createDriver()),
  };
}

class SerializedDriver implements Driver {
  #tail: Promise<void> = Promise.resolve();
  readonly #releases = new WeakMap<DatabaseConnection, () => void>();

  constructor(private readonly inner: Driver) {}

  init() {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const previous = this.#tail;
    this.#tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    const connection = await this.inner.acquireConnection();
    this.#releases.set(connection, release);
    return connection;
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(connection);
  }

  async releaseConnection(connection: DatabaseConnection) {
    await this.inner.releaseConnection(connection);
    this.#releases.get(connection)?.();
  }

  destroy() {
    return this.inner.destroy();
  }
}
