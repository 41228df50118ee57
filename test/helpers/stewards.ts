/**
 * Real steward keys and a stewards.yaml for tests: each steward gets their own config directory
 * (MINIM_CONFIG_DIR) with a key made by `initSteward`, exactly as `minim steward init` makes it.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify as stringifyYaml } from 'yaml';
import { initSteward, loadSigningKey, type SigningKey } from '../../src/approvals/keys.js';
import { parseStewards, type Stewards } from '../../src/approvals/stewards.js';

export interface TestScope {
  sources?: string[];
  departments?: string[];
  categories?: string[];
  actions?: string[];
}

export interface TestSteward {
  readonly name: string;
  readonly email: string;
  /** Env for the CLI: MINIM_CONFIG_DIR pointing at this steward's key. */
  readonly env: { MINIM_CONFIG_DIR: string };
  readonly key: SigningKey;
  readonly publicKey: string;
  scope: TestScope;
  revoked?: boolean | string;
}

/** A steward with a fresh ed25519 key in its own config directory (scope: everything unless given). */
export async function makeSteward(name: string, scope: TestScope = {}): Promise<TestSteward> {
  const dir = await mkdtemp(join(tmpdir(), 'minim-steward-'));
  const email = `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@city.example`;
  const env = { MINIM_CONFIG_DIR: dir };
  const { identity } = await initSteward({ name, email }, env);
  return { name, email, env, key: await loadSigningKey(env), publicKey: identity.publicKey, scope };
}

/** stewards.yaml text for these stewards (and a two-person policy when given). */
export function stewardsYaml(list: readonly TestSteward[], twoPerson?: string[]): string {
  return stringifyYaml({
    version: 1,
    ...(twoPerson ? { policy: { twoPerson } } : {}),
    stewards: list.map((s) => ({
      name: s.name,
      email: s.email,
      publicKey: s.publicKey,
      scope: {
        ...(s.scope.departments ? { departments: s.scope.departments } : { sources: s.scope.sources ?? ['*'] }),
        categories: s.scope.categories ?? ['*'],
        actions: s.scope.actions ?? ['*'],
      },
      ...(s.revoked !== undefined ? { revoked: s.revoked } : {}),
    })),
  });
}

/** Writes stewards.yaml into `dir` and returns its path and the parsed registry. */
export async function writeStewards(dir: string, list: readonly TestSteward[], twoPerson?: string[]): Promise<{ path: string; stewards: Stewards }> {
  const path = join(dir, 'stewards.yaml');
  const text = stewardsYaml(list, twoPerson);
  await writeFile(path, text);
  return { path, stewards: parseStewards(text, path) };
}
