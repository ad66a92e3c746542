import { z } from 'zod';
import { defineTool } from '../tool.js';
import { EsAuthzError } from '../../errors.js';
import { fetchUser, missingRoles, requireNativeUsers, toUserOut, userOutput, usernameInput } from '../users-common.js';

const PLACEHOLDERS = /^(changeme|password|passw0rd|secret|123456.*|qwerty.*|letmein|admin|welcome1?|test(ing)?)$/i;

export default defineTool({
  name: 'create_user',
  title: 'Create a native user',
  description:
    'Create a native-realm user with the given roles. Leave password empty to get a strong generated one, returned once in this result (tell the user to store it). Fails if the user exists: use update_user_roles to change roles. Not available on Serverless.',
  kind: 'write',
  toolset: 'users',
  input: z.object({
    username: usernameInput,
    roles: z.array(z.string().min(1)).describe('Roles to assign (must exist).'),
    password: z.string().min(12).max(128).optional().describe('Only if the admin supplied one; otherwise omit to generate a strong password.'),
    full_name: z.string().max(200).optional(),
    email: z.string().email().optional(),
    metadata: z.record(z.string(), z.unknown()).optional().describe('Key/values, e.g. {"department": "hr"} for templated (ABAC) roles. Keys must not start with "_".'),
    enabled: z.boolean().default(true),
  }),
  output: z.object({
    user: userOutput,
    password: z.string().optional().describe('Generated password, shown once. Absent when the caller supplied one.'),
    password_generated: z.boolean(),
  }),
  async handler(args, ctx) {
    await requireNativeUsers(ctx);
    if (args.password !== undefined && PLACEHOLDERS.test(args.password)) {
      throw new EsAuthzError('INVALID_INPUT', 'The supplied password looks like a placeholder.', { hint: 'Omit password to have a strong one generated.' });
    }
    const badMeta = Object.keys(args.metadata ?? {}).filter((k) => k.startsWith('_'));
    if (badMeta.length) throw new EsAuthzError('INVALID_INPUT', `metadata keys starting with "_" are reserved: ${badMeta.join(', ')}.`, { hint: 'Rename them without the leading underscore.' });
    if (await fetchUser(ctx, args.username)) {
      throw new EsAuthzError('ALREADY_EXISTS', `User "${args.username}" already exists.`, { hint: 'Use get_user to see it, then update_user_roles to add or remove roles.' });
    }
    const missing = await missingRoles(ctx, args.roles);
    if (missing.length) {
      throw new EsAuthzError('NOT_FOUND', `Role(s) ${missing.join(', ')} do not exist; the user was not created.`, { hint: 'Create the role first (create_role), or check the name with list_roles.' });
    }
    const generated = args.password === undefined;
    const password = args.password ?? (await import('../../security/secrets.js')).generatePassword();
    await ctx.es.security.putUser({
      username: args.username,
      password,
      roles: args.roles,
      enabled: args.enabled,
      ...(args.full_name ? { full_name: args.full_name } : {}),
      ...(args.email ? { email: args.email } : {}),
      ...(args.metadata ? { metadata: args.metadata } : {}),
      refresh: 'wait_for',
    });
    const after = await fetchUser(ctx, args.username);
    if (!after) throw new EsAuthzError('VERIFY_FAILED', `User "${args.username}" was written but cannot be read back.`, { hint: 'Check the cluster health and retry get_user.' });
    const user = toUserOut(after);
    ctx.audit({ tool: 'create_user', target: args.username, outcome: 'success', after: { roles: user.roles, enabled: user.enabled } });
    return {
      text: `Created user ${user.username} with roles ${user.roles.join(', ') || '(none)'}.${generated ? ` Generated password (shown once, store it now): ${password}` : ' Password: as supplied.'}`,
      structured: { user, password_generated: generated, ...(generated ? { password } : {}) },
    };
  },
});
