/** What both WebSocket endpoints share inside one relay. */
import type { AccountsService } from './accounts/service-types.ts';
import type { AccessControl } from './acl/access-control.ts';
import type { RelayConfig } from './config.ts';
import type { Logger } from './log.ts';
import type { Persistence } from './persistence/types.ts';
import type { Rooms } from './rooms.ts';

export interface LiveSession {
  /** a committed update of `docId` from another connection, as a ready Feed frame with its seq */
  feed(frame: Uint8Array, seq: number, docId: string): void;
}

export interface RelayContext {
  config: RelayConfig;
  log: Logger;
  store: Persistence;
  /** who is who (tokens, the org) and the audit log */
  accounts: AccountsService;
  rooms: Rooms;
  /** who may read which doc; tells live sockets when that changes */
  access: AccessControl;
  epoch: string;
  version: string;
  /** every /sync session that said hello (they receive the live change feed) */
  syncSessions: Set<LiveSession>;
}
