/**
 * Counts the requests a process sends its database server, whatever sent them (minim's connectors
 * or the bare lower-bound client): one per `pg` Client.query (a simple-protocol message, or the
 * Parse/Bind/Execute/Sync of one parameterised statement: one round trip either way) and one per
 * mysql2 query or execute command (its diagnostics channels). This is what goes over the wire, so a
 * multi-statement message counts once and BEGIN/COMMIT sent on their own count each. The
 * connection handshake and pool checkout are not counted (no statement).
 */
import { tracingChannel } from 'node:diagnostics_channel';
import pg from 'pg';

export interface WireCount {
  /** Requests sent since `countRoundTrips()`. */
  readonly roundTrips: number;
  stop(): void;
}

export function countRoundTrips(): WireCount {
  let n = 0;
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    n++;
    return original.apply(this, args);
  };
  const channels = [tracingChannel('mysql2:query'), tracingChannel('mysql2:execute')];
  const handlers = { start: () => void n++ };
  for (const c of channels) c.subscribe(handlers as never);
  return {
    get roundTrips() {
      return n;
    },
    stop() {
      proto.query = original;
      for (const c of channels) c.unsubscribe(handlers as never);
    },
  };
}
