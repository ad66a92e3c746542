// What a tool handler gets: the Elasticsearch client (tagged with this request's id as
// X-Opaque-Id), Kibana when configured, the logger, cached deployment facts, an audit sink and
// per-key locks.
import type { Client } from '@elastic/elasticsearch';
import type { Logger } from '../log.js';
import type { KibanaClient } from '../es/kibana.js';
import type { Deployment } from '../es/deployment.js';
import type { KeyedMutex } from './mutex.js';
import type { PlanStore } from '../planner/confirm.js';

export interface AuditEvent {
  tool: string;
  target: string;
  outcome: 'success' | 'failure';
  before?: unknown;
  after?: unknown;
  error?: string;
}

export interface ToolContext {
  requestId: string;
  es: Client;
  kibana: KibanaClient | undefined;
  logger: Logger;
  deployment(): Promise<Deployment>;
  audit(event: AuditEvent): void;
  locks: KeyedMutex;
  signal: AbortSignal | undefined;
  progress(progress: number, total?: number, message?: string): Promise<void>;
  /** issued plans, by confirmation token */
  plans: PlanStore;
  /** ask the human to confirm (MCP elicitation); 'unsupported' when the client cannot */
  confirm(message: string): Promise<'accept' | 'decline' | 'cancel' | 'unsupported'>;
}
