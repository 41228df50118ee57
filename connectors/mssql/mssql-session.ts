/** SQL Server version checks. Pure. */
import { MinimError } from '../../src/errors.js';

/** What the server says about itself. */
export interface MssqlServer {
  /** First line of @@VERSION, e.g. `Microsoft SQL Server 2022 (RTM-CU14) (KB…) - 16.0.4135.4 (X64)`. */
  readonly version: string;
  /** SERVERPROPERTY('ProductMajorVersion'): 14 = 2017, 15 = 2019, 16 = 2022. */
  readonly major: number;
  /** SERVERPROPERTY('EngineEdition'): 5 = Azure SQL Database, 8 = Azure SQL Managed Instance. */
  readonly engineEdition: number;
}

/** The statement that reads version, major version and engine edition. */
export const VERSION_SQL =
  "SELECT @@VERSION, CONVERT(int, SERVERPROPERTY('ProductMajorVersion')), CONVERT(int, SERVERPROPERTY('EngineEdition'))";

/** Parses VERSION_SQL's row. */
export function parseMssqlVersion(row: readonly unknown[]): MssqlServer {
  const version = String(row[0] ?? '').split('\n')[0]!.trim();
  return { version, major: Number(row[1] ?? 0), engineEdition: Number(row[2] ?? 0) };
}

/** Throws UNSUPPORTED_SERVER below SQL Server 2017; Azure SQL is always current. */
export function assertSupported(server: MssqlServer, source: string): void {
  const azure = server.engineEdition === 5 || server.engineEdition === 8;
  if (!azure && server.major < 14) {
    throw new MinimError(
      'UNSUPPORTED_SERVER',
      `source ${source}: SQL Server major version ${server.major} is not supported; minim needs SQL Server 2017 (14) or newer, or Azure SQL`,
      { subject: source },
    );
  }
}
