/**
 * `minim steward init | show | seal`: a steward's signing key. `init` makes an ed25519 key in the
 * config directory (mode 0600, optionally passphrase-encrypted) or adopts an unencrypted OpenSSH
 * ed25519 key; `show` prints the entry to add to stewards.yaml; `seal` re-seals a plan.
 */
import { stringify as stringifyYaml } from 'yaml';
import type { CliContext, CommandResult } from '../context.js';
import { MinimError } from '../../errors.js';
import { DEFAULT_PASSPHRASE_ENV, initSteward, readIdentity, configDir } from '../../approvals/keys.js';
import { sealPlan, verifySeal } from '../../approvals/seal.js';
import { signerOf } from '../../approvals/decisions.js';
import { readPlan, writePlan } from '../../plan/plan-file.js';
import { stewardContext, type KeyCliOptions } from '../steward-key.js';
import { registerSecret } from '../../util/log.js';

interface InitOptions {
  name?: string;
  email?: string;
  passphraseEnv?: string;
  sshKey?: string;
  force?: boolean;
}

/** The stewards.yaml entry for a key (scope to be filled in by whoever reviews the file). */
export function stewardEntry(name: string, email: string, publicKey: string): string {
  const entry = [{ name, email, publicKey, scope: { departments: ['FILL-IN'], categories: ['*'], actions: ['*'] } }];
  return stringifyYaml(entry, { lineWidth: 0 });
}

export async function runInit(opts: InitOptions, ctx: CliContext): Promise<CommandResult> {
  if (!opts.name || !opts.email) throw new MinimError('USAGE', 'steward init needs --name "Full Name" and --email ADDRESS');
  let passphrase: string | undefined;
  if (opts.passphraseEnv) {
    if (opts.sshKey) throw new MinimError('USAGE', '--passphrase-env protects a new minim key; an OpenSSH key (--ssh-key) is used as it is');
    passphrase = ctx.env[opts.passphraseEnv];
    if (!passphrase) throw new MinimError('USAGE', `--passphrase-env ${opts.passphraseEnv}: the variable is not set; export it first (the passphrase never goes on the command line)`);
    registerSecret(passphrase);
  }
  const { identity, dir } = await initSteward(
    { name: opts.name, email: opts.email, ...(passphrase ? { passphrase } : {}), ...(opts.sshKey ? { sshKeyPath: opts.sshKey } : {}), ...(opts.force ? { force: true } : {}) },
    ctx.env,
  );
  return {
    code: 0,
    output: { text: stewardEntry(identity.name, identity.email, identity.publicKey) },
    summary:
      `Steward key ${identity.keyId} for ${identity.name} ${identity.privateKey.format === 'openssh' ? `uses ${identity.privateKey.file}` : `written to ${dir} (mode 0600${identity.privateKey.encrypted ? `, passphrase-protected: set ${passphrase ? opts.passphraseEnv : DEFAULT_PASSPHRASE_ENV} when signing` : ''})`}.\n` +
      `Add the entry above to stewards.yaml (set the scope) through review, like code.\n`,
  };
}

export async function runShow(ctx: CliContext): Promise<CommandResult> {
  const identity = await readIdentity(ctx.env);
  if (!identity) throw new MinimError('USAGE', `no steward key in ${configDir(ctx.env)}; run minim steward init --name "Full Name" --email ADDRESS`);
  return { code: 0, output: { text: `# key id ${identity.keyId}\n` + stewardEntry(identity.name, identity.email, identity.publicKey) } };
}

export async function runSeal(file: string, opts: KeyCliOptions, ctx: CliContext): Promise<CommandResult> {
  const plan = await readPlan(file);
  const { key, stewards } = await stewardContext(ctx, opts, file);
  const signer = signerOf(key, stewards);
  if ('refused' in signer) throw new MinimError('USAGE', signer.refused);
  const before = verifySeal(plan, stewards);
  if (!before.ok && before.reason !== 'seal-missing') ctx.stderr.write(`Note: the previous seal did not hold: [${before.reason}] ${before.detail}. Sealing the plan as it is now.\n`);
  await writePlan(file, sealPlan(plan, key, signer.name, new Date().toISOString()));
  return { code: 0, summary: `Sealed ${file} (${plan.items.length} item(s)) as ${signer.name}; decisions are not re-signed (minim verify ${file} checks them).\n` };
}
