// A small typed wrapper over IndexedDB (no dependency): one database per app, named object stores,
// promise-based get / put / delete / getAll. Used by the offline roll-call queue (B-4): what the
// teacher marks survives a dead network and a page reload.

const DB_NAME = 'kehou-offline';
const DB_VERSION = 1;
export const STORES = ['markBatches', 'rollCalls', 'markProblems'] as const;
export type StoreName = (typeof STORES)[number];

let opening: Promise<IDBDatabase> | null = null;

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

export function openOfflineDb(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const name of STORES) {
        if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => {
      opening = null;
      reject(request.error);
    };
  });
  return opening;
}

async function withStore<T>(
  name: StoreName,
  mode: IDBTransactionMode,
  act: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openOfflineDb();
  const tx = db.transaction(name, mode);
  const result = promised(act(tx.objectStore(name)));
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  return result;
}

/** A typed key-value store inside the offline database. */
export function offlineStore<T>(name: StoreName) {
  return {
    get: (key: string) => withStore<T | undefined>(name, 'readonly', (s) => s.get(key)),
    put: (key: string, value: T) =>
      withStore(name, 'readwrite', (s) => s.put(value, key)).then(() => undefined),
    delete: (key: string) => withStore(name, 'readwrite', (s) => s.delete(key)).then(() => undefined),
    /** Every value, by key order. */
    all: () => withStore<T[]>(name, 'readonly', (s) => s.getAll()),
  };
}
