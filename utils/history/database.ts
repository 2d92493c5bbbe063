/** Opening the history database at a version, migrating it there, and noticing when the connection goes. */
import { openDB, type IDBPDatabase } from 'idb';
import { DB_VERSION, migrate } from './migrations';
import type { HistoryDB } from './schema';

export async function openHistoryDatabase(name: string, options: { version?: number; onClosed?: () => void } = {}): Promise<IDBPDatabase<HistoryDB>> {
  const version = options.version ?? DB_VERSION;
  let failedStep: unknown;
  try {
    return await openDB<HistoryDB>(name, version, {
      upgrade(db, oldVersion, newVersion, tx) {
        migrate(db, tx, oldVersion, newVersion ?? version).catch((error: unknown) => (failedStep = error));
      },
      // A newer version of the extension is upgrading the database: step aside (reopening here then fails as unavailable).
      blocking(_current, _next, event) {
        (event.target as IDBDatabase).close();
        options.onClosed?.();
      },
      // The browser closed the connection (storage cleared, profile shutting down).
      terminated() {
        options.onClosed?.();
      },
    });
  } catch (error) {
    throw failedStep ?? error;
  }
}
