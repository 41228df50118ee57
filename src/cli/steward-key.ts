/** The acting steward's key and stewards.yaml, as the deciding commands need them. */
import { MinimError } from '../errors.js';
import { DEFAULT_PASSPHRASE_ENV, loadSigningKey, readIdentity, type SigningKey } from '../approvals/keys.js';
import { loadStewards, type Stewards } from '../approvals/stewards.js';
import { registerSecret } from '../util/log.js';
import type { CliContext } from './context.js';

export interface KeyCliOptions {
  passphraseEnv?: string;
  stewards?: string;
}

/** Loads the steward key: unencrypted, or its passphrase from the env var (or a prompt on a terminal). */
export async function acquireKey(ctx: CliContext, opts: KeyCliOptions, interactive = true): Promise<SigningKey> {
  const identity = await readIdentity(ctx.env);
  let passphrase: string | undefined;
  if (identity?.privateKey.encrypted) {
    const envName = opts.passphraseEnv ?? DEFAULT_PASSPHRASE_ENV;
    passphrase = ctx.env[envName];
    const stdin = ctx.stdin ?? process.stdin;
    if (!passphrase && interactive && stdin.isTTY && ctx.stderr.isTTY) {
      const { password } = await import('@inquirer/prompts');
      passphrase = await password({ message: `Passphrase for ${identity.name}'s steward key`, mask: '*' }, { input: stdin, output: process.stderr });
    }
    if (!passphrase) {
      throw new MinimError('USAGE', `the steward key of ${identity.name} is passphrase-protected; set ${envName} (or name another variable with --passphrase-env), or run on a terminal`);
    }
    registerSecret(passphrase);
  }
  return loadSigningKey(ctx.env, passphrase !== undefined ? { passphrase } : {});
}

/** The signing key and stewards.yaml for a command that writes decisions into `planFile`. */
export async function stewardContext(ctx: CliContext, opts: KeyCliOptions, planFile: string): Promise<{ key: SigningKey; stewards: Stewards }> {
  const stewards = await loadStewards(opts.stewards, planFile, ctx.cwd);
  const key = await acquireKey(ctx, opts);
  return { key, stewards };
}

/** Key and stewards when both are at hand without asking (plan re-seals then), else undefined. */
export async function optionalStewardContext(ctx: CliContext, opts: KeyCliOptions, planFile: string): Promise<{ key: SigningKey; stewards: Stewards } | undefined> {
  try {
    const identity = await readIdentity(ctx.env);
    if (!identity) return undefined;
    if (identity.privateKey.encrypted && !ctx.env[opts.passphraseEnv ?? DEFAULT_PASSPHRASE_ENV]) return undefined;
    const stewards = await loadStewards(opts.stewards, planFile, ctx.cwd);
    const key = await acquireKey(ctx, opts, false);
    const s = stewards.byKeyId.get(key.keyId);
    return s && !s.revoked ? { key, stewards } : undefined;
  } catch {
    return undefined;
  }
}
