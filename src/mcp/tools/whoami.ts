import { z } from 'zod';
import { defineTool } from '../tool.js';

export default defineTool({
  name: 'whoami',
  title: 'Who am I',
  description: 'Show the identity es-authz acts as, the deployment (self-managed, Elastic Cloud Hosted, Serverless), license, and what this credential may do (read/manage security, run as). Call first.',
  kind: 'read',
  toolset: 'core',
  input: z.object({}),
  output: z.object({
    username: z.string().optional(),
    realm: z.string().optional(),
    authentication_type: z.string().optional(),
    roles: z.array(z.string()),
    deployment: z.enum(['self-managed', 'ech', 'serverless', 'unknown']),
    deployment_reason: z.string(),
    version: z.string().optional(),
    build_flavor: z.string().optional(),
    license: z.string(),
    capabilities: z.object({ read_security: z.boolean(), manage_security: z.boolean(), run_as: z.union([z.array(z.string()), z.literal('unknown')]) }).optional(),
    kibana: z.enum(['configured', 'not_configured']),
    problems: z.array(z.string()),
  }),
  async handler(_args, ctx) {
    const d = await ctx.deployment();
    const license = d.license === 'unknown' ? 'unknown' : `${d.license.type} (${d.license.status})`;
    const caps = d.capabilities;
    const structured = {
      ...(d.identity ? { username: d.identity.username, realm: `${d.identity.realm} (${d.identity.realmType})`, authentication_type: d.identity.authenticationType } : {}),
      roles: d.identity?.roles ?? [],
      deployment: d.kind,
      deployment_reason: d.why,
      ...(d.cluster ? { version: d.cluster.version, build_flavor: d.cluster.buildFlavor } : {}),
      license,
      ...(caps ? { capabilities: { read_security: caps.readSecurity, manage_security: caps.manageSecurity, run_as: caps.runAs } } : {}),
      kibana: ctx.kibana ? ('configured' as const) : ('not_configured' as const),
      problems: d.problems,
    };
    const text = [
      `Acting as ${structured.username ?? 'unknown'}${structured.realm ? ` via ${structured.realm}` : ''}; roles: ${structured.roles.join(', ') || '(none)'}.`,
      `Deployment: ${d.kind} (${d.why}); version ${structured.version ?? 'unknown'}; license ${license}.`,
      caps
        ? `May read security: ${caps.readSecurity}; may manage security: ${caps.manageSecurity}; may run as: ${caps.runAs === 'unknown' ? 'unknown' : caps.runAs.join(', ') || 'nobody'}.`
        : 'Capabilities unknown.',
      `Kibana: ${structured.kibana === 'configured' ? 'configured' : 'not configured (Kibana privileges cannot be set)'}.`,
      ...d.problems.map((p) => `Problem: ${p}`),
    ].join('\n');
    return { text, structured };
  },
});
