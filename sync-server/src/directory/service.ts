/**
 * The market-entity directory on the relay: import sessions (begin, chunks, commit, abandon) and the
 * versioned deltas devices pull. Imports are staged and merged in one store transaction, so an import
 * is either wholly in the directory or not at all; an import left open is dropped after 24 h.
 */
import { DIRECTORY_CHUNK_MAX_ROWS, DIRECTORY_IMPORT_MAX_CHUNKS, DIRECTORY_IMPORT_TTL_MS, type DirectoryCommitResult, type DirectoryDelta, type DirectoryImportBegin, type DirectoryImportState, type DirectoryStats, type Principal, Reason, type Role, ApiError } from '@bangqi/shared';
import { randomBytes } from 'node:crypto';
import type { AccountsService } from '../accounts/service-types.ts';
import type { Logger } from '../log.ts';
import { prepareImport } from './prepare.ts';
import { type DirectoryStore, ImportClosedError, ImportNotFoundError, type ImportSession } from './types.ts';

/** Who may import: those who keep the district's data. */
const IMPORTERS: readonly Role[] = ['coordinator', 'admin'];
/**
 * Who may pull the directory: every staff role that serves enterprises. Not a department handler (承办部门):
 * the rows carry personal information (法定代表人 names), and under PIPL's minimum-necessary rule a
 * department that only receives the demands dispatched to it has no need for the district's registry.
 */
const READERS: readonly Role[] = ['commissioner', 'team-lead', 'coordinator', 'admin'];

const MAX_TOTAL_ROWS = DIRECTORY_CHUNK_MAX_ROWS * DIRECTORY_IMPORT_MAX_CHUNKS;
/** How often a running relay also drops expired imports (it always does on start). */
const SWEEP_EVERY_MS = 3_600_000;

const forbidden = (message: string) => new ApiError(403, Reason.Forbidden, message);
const invalid = (message: string) => new ApiError(400, Reason.InvalidRequest, message);
const notFound = () => new ApiError(404, Reason.NotFound, 'no such import (abandoned, expired or never begun)');

function toState(s: ImportSession): DirectoryImportState {
  return {
    importId: s.id,
    fileName: s.fileName,
    totalRows: s.totalRows,
    totalChunks: s.totalChunks,
    status: s.status,
    chunksReceived: s.chunksReceived,
    createdAt: s.createdAt,
    ...(s.result ? { result: s.result } : {}),
  };
}

export interface DirectoryServiceOptions {
  store: DirectoryStore;
  accounts: AccountsService;
  log: Logger;
  /** for tests; Date.now by default */
  now?: () => number;
}

export class DirectoryService {
  private readonly store: DirectoryStore;
  private readonly accounts: AccountsService;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;

  private constructor(options: DirectoryServiceOptions) {
    this.store = options.store;
    this.accounts = options.accounts;
    this.log = options.log;
    this.now = options.now ?? Date.now;
    this.sweeper = setInterval(() => {
      this.dropExpired().catch((err: unknown) => this.log.warn({ err }, 'dropping expired directory imports failed'));
    }, SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  /** Opens the service over `store`, dropping the imports that expired while the relay was down. */
  static async open(options: DirectoryServiceOptions): Promise<DirectoryService> {
    const service = new DirectoryService(options);
    await service.dropExpired();
    return service;
  }

  private async dropExpired(): Promise<void> {
    const dropped = await this.store.dropImportsBefore(this.now() - DIRECTORY_IMPORT_TTL_MS);
    if (dropped) this.log.info({ dropped }, 'dropped directory imports older than 24 h');
  }

  private requireImporter(principal: Principal): void {
    if (!IMPORTERS.includes(principal.role)) throw forbidden('only coordinators and admins import the directory');
  }

  private requireReader(principal: Principal): void {
    if (!READERS.includes(principal.role)) throw forbidden('department handlers do not read the market-entity directory');
  }

  private audit(principal: Principal, phase: 'begin' | 'commit' | 'abandon', detail: Record<string, unknown>): void {
    this.accounts.audit({ at: this.now(), actor: principal.userId, deviceId: principal.deviceId, action: 'directory-import', docId: '', detail: { phase, ...detail } });
  }

  /** The import, or 404 — also for an open one past its 24 h (it is dropped here rather than at the next sweep). */
  private async session(id: string): Promise<ImportSession> {
    const session = await this.store.getImport(id);
    if (!session) throw notFound();
    if (session.status === 'open' && session.createdAt < this.now() - DIRECTORY_IMPORT_TTL_MS) {
      await this.store.dropImport(id);
      throw notFound();
    }
    return session;
  }

  async begin(principal: Principal, request: DirectoryImportBegin): Promise<string> {
    this.requireImporter(principal);
    const { totalRows, totalChunks } = request;
    if (totalRows > MAX_TOTAL_ROWS) throw invalid(`totalRows must be at most ${MAX_TOTAL_ROWS}`);
    if (totalRows > totalChunks * DIRECTORY_CHUNK_MAX_ROWS) throw invalid(`${totalChunks} chunks cannot hold ${totalRows} rows (at most ${DIRECTORY_CHUNK_MAX_ROWS} a chunk)`);
    const id = `imp-${randomBytes(9).toString('hex')}`;
    await this.store.createImport({ id, fileName: request.fileName, totalRows, totalChunks, createdBy: principal.userId, createdAt: this.now() });
    this.audit(principal, 'begin', { importId: id, fileName: request.fileName, totalRows, totalChunks });
    return id;
  }

  async state(principal: Principal, id: string): Promise<DirectoryImportState> {
    this.requireImporter(principal);
    return toState(await this.session(id));
  }

  /** `readRows` reads the chunk's body: only once the caller, the import and `n` have passed their checks. */
  async putChunk(principal: Principal, id: string, n: number, readRows: () => Promise<readonly unknown[]>): Promise<void> {
    this.requireImporter(principal);
    const session = await this.session(id);
    if (session.status === 'committed') throw new ApiError(409, Reason.Conflict, 'the import is already committed');
    if (n >= session.totalChunks) throw invalid(`chunk must be from 0 to ${session.totalChunks - 1}`);
    const rows = await readRows();
    try {
      await this.store.putChunk(id, n, rows);
    } catch (err) {
      if (err instanceof ImportNotFoundError) throw notFound();
      if (err instanceof ImportClosedError) throw new ApiError(409, Reason.Conflict, 'the import is already committed');
      throw err;
    }
  }

  async commit(principal: Principal, id: string): Promise<DirectoryCommitResult> {
    this.requireImporter(principal);
    const session = await this.session(id);
    const started = performance.now();
    // the store calls prepare only when this call does the commit (not for a repeated or concurrent one)
    let mergedHere = false;
    let result: DirectoryCommitResult;
    try {
      result = await this.store.commitImport(id, this.now(), (open, chunks) => {
        mergedHere = true;
        return prepareImport(open, chunks);
      });
    } catch (err) {
      if (err instanceof ImportNotFoundError) throw notFound();
      throw err;
    }
    if (mergedHere) {
      const { rejected, ...counts } = result;
      const ms = Math.round(performance.now() - started);
      this.log.info({ importId: id, ...counts, rejected: rejected.length, ms }, 'directory import committed');
      this.audit(principal, 'commit', { importId: id, fileName: session.fileName, ...counts, rejected: rejected.length });
    }
    return result;
  }

  async abandon(principal: Principal, id: string): Promise<void> {
    this.requireImporter(principal);
    const session = await this.session(id);
    if (session.status === 'committed') throw new ApiError(409, Reason.Conflict, 'the import is already committed');
    if (!(await this.store.dropImport(id))) throw notFound();
    this.audit(principal, 'abandon', { importId: id, fileName: session.fileName, chunksReceived: session.chunksReceived.length });
  }

  async delta(principal: Principal, since: number, after: string | null, limit: number): Promise<DirectoryDelta> {
    this.requireReader(principal);
    // one row more than asked tells whether another page follows
    const { rows, version } = await this.store.delta(since, after, limit + 1);
    return { rows: rows.slice(0, limit), version, more: rows.length > limit };
  }

  async stats(principal: Principal): Promise<DirectoryStats> {
    this.requireReader(principal);
    return this.store.stats();
  }

  /** Stops the sweeper and closes the store (the service owns it). */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await this.store.close();
  }
}
