/** What every engine's grants module shares. */
import type { ReaderPath } from '../src/access/types.js';

/** Why a path's grant is not taken back by a REVOKE here (shared wording). */
export function refusal(path: ReaderPath): string {
  const why: Partial<Record<ReaderPath['object'], string>> = {
    owner: 'ownership is no grant: change the owner by hand',
    'reads-all': 'the grant is a membership in a read-all role: minim never removes a membership',
    function: 'revoke EXECUTE on the function, or make it SECURITY INVOKER, by hand',
    schema: 'the grant covers the whole schema: narrow it by hand',
    database: 'the grant covers the whole database: narrow it by hand',
    global: 'the grant covers every database: narrow it by hand',
  };
  return `refused: ${why[path.object] ?? 'not a column, table or view grant'}`;
}
