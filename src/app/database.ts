// The database a command works on (store/database.ts: SQLite, mode 0600, migrated on opening).

export { openDatabase, openScratchDatabase, type Db } from '../store/database.js';
